using UnitPay.Core.Deduction;
using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;

namespace UnitPay.Core.Wallets;

/// <summary>
/// A pure, in-memory working copy of one wallet for one transaction. Operations change the copy and record
/// what must be written (touched grants, new ledger entries, new event markers); the storage layer turns that
/// record into one ETag-guarded entity-group transaction. Nothing here does I/O, so every rule is unit-testable.
/// </summary>
public sealed class WalletSession
{
    private readonly Dictionary<string, Grant> _grants;
    private readonly HashSet<string> _touchedGrants = new(StringComparer.Ordinal);
    private readonly List<LedgerEntry> _entries = [];
    private readonly List<EventOutcome> _outcomes = [];
    private readonly HashSet<string> _newGrants = new(StringComparer.Ordinal);

    public WalletSession(WalletHead head, IEnumerable<Grant> openGrants)
    {
        ArgumentNullException.ThrowIfNull(head);
        Head = head;
        _grants = openGrants.ToDictionary(g => g.Id, StringComparer.Ordinal);
    }

    public WalletHead Head { get; private set; }

    /// <summary>Grants this session holds (open ones, plus any it closed).</summary>
    public IReadOnlyCollection<Grant> Grants => _grants.Values;

    public IReadOnlyList<LedgerEntry> NewEntries => _entries;

    public IReadOnlyList<EventOutcome> NewOutcomes => _outcomes;

    /// <summary>Grants created or changed by this session.</summary>
    public IEnumerable<Grant> TouchedGrants => _touchedGrants.Select(id => _grants[id]);

    public bool IsNewGrant(string grantId) => _newGrants.Contains(grantId);

    public bool HeadChanged { get; private set; }

    /// <summary>Number of table operations this session's changes need: head, touched grants, entries, markers.</summary>
    public int OperationCount => 1 + _touchedGrants.Count + _entries.Count + _outcomes.Count;

    /// <summary>What <see cref="Debit"/> could spend now: open, effective, unexpired grants, less what is reserved.</summary>
    public long SpendableAt(DateTimeOffset now) =>
        FifoDeduction.SpendableTotal(_grants.Values.Where(g => g.Status == GrantStatus.Open).Select(ToBalance), now) - Head.Reserved;

    /// <summary>
    /// Closes every open grant whose expiry has passed, with an EXPIRE entry for what remained. Grants that await
    /// rollover are left to the cycle transition, which closes them with ROLLOVER / ROLLOVER_FORFEIT entries.
    /// </summary>
    public int ExpireDue(DateTimeOffset now)
    {
        var due = _grants.Values
            .Where(g => g.Status == GrantStatus.Open && g.IsExpiredAt(now) && !g.AwaitsRollover)
            .OrderBy(g => g.ExpiresAt).ThenBy(g => g.Id, StringComparer.Ordinal)
            .ToList();
        foreach (var grant in due)
        {
            var left = grant.Remaining;
            SetGrant(grant with { Remaining = 0, Status = GrantStatus.Expired });
            if (left > 0)
            {
                Append(LedgerEntryType.Expire, LedgerReason.Expiration, left, -left, now, e => e with
                {
                    GrantId = grant.Id,
                    Breakdown = [new GrantDraw(grant.Id, left)],
                });
            }
        }

        return due.Count;
    }

    /// <summary>Adds a new grant with a CREDIT entry.</summary>
    public LedgerEntry AddGrant(Grant grant, LedgerReason reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (grant.Amount <= 0 || grant.Remaining != grant.Amount)
        {
            throw new ArgumentException("A new grant must have a positive amount, all of it remaining.", nameof(grant));
        }

        if (_grants.ContainsKey(grant.Id))
        {
            throw new InvalidOperationException($"Grant {grant.Id} already exists in this wallet.");
        }

        _newGrants.Add(grant.Id);
        SetGrant(grant);
        return Append(LedgerEntryType.Credit, reason, grant.Amount, grant.Amount, now, e => e with
        {
            GrantId = grant.Id,
            Breakdown = [new GrantDraw(grant.Id, grant.Amount)],
        });
    }

    /// <summary>
    /// Takes <paramref name="amount"/> out of an open grant with an EXPIRE entry of the given reason (the cycle
    /// transition's ROLLOVER, ROLLOVER_FORFEIT or EXPIRATION). The grant closes as expired once nothing remains.
    /// </summary>
    public LedgerEntry ExpireFromGrant(string grantId, long amount, LedgerReason reason, DateTimeOffset now, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var grant = _grants[grantId];
        if (grant.Status != GrantStatus.Open || amount <= 0 || amount > grant.Remaining)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"Grant {grantId} is not open or holds less than that.");
        }

        var left = grant.Remaining - amount;
        SetGrant(grant with { Remaining = left, Status = left == 0 ? GrantStatus.Expired : GrantStatus.Open });
        return Append(LedgerEntryType.Expire, reason, amount, -amount, now, e => e with
        {
            GrantId = grantId,
            Breakdown = [new GrantDraw(grantId, amount)],
            Metadata = metadata,
        });
    }

    /// <summary>Voids an open grant: what remained leaves the balance with an ADJUSTMENT / GRANT_VOIDED entry.</summary>
    public LedgerEntry? VoidGrant(string grantId, DateTimeOffset now, string? reason)
    {
        var grant = _grants[grantId];
        var left = grant.Remaining;
        SetGrant(grant with { Remaining = 0, Status = GrantStatus.Voided });
        if (left == 0)
        {
            return null;
        }

        return Append(LedgerEntryType.Adjustment, LedgerReason.GrantVoided, left, -left, now, e => e with
        {
            GrantId = grantId,
            Breakdown = [new GrantDraw(grantId, left)],
            Metadata = reason is null ? null : new Dictionary<string, string> { ["reason"] = reason },
        });
    }

    public void SetStatus(WalletStatus status, DateTimeOffset now)
    {
        if (Head.Status != status)
        {
            Head = Head with { Status = status, UpdatedAt = now };
            HeadChanged = true;
        }
    }

    /// <summary>
    /// Deducts one usage charge FIFO, or records why it cannot. The outcome is recorded either way: an event
    /// is applied or rejected, never dropped.
    /// </summary>
    public EventOutcome Debit(UsageCharge charge, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(charge);
        if (Head.Status != WalletStatus.Active)
        {
            return Record(charge, EventOutcomeStatus.Rejected, Head.Status == WalletStatus.Frozen ? "WALLET_FROZEN" : "WALLET_CLOSED", null, now);
        }

        var open = _grants.Values.Where(g => g.Status == GrantStatus.Open).Select(ToBalance);
        if (SpendableAt(now) < charge.Amount)
        {
            return Record(charge, EventOutcomeStatus.Rejected, "INSUFFICIENT_CREDITS", null, now);
        }

        var plan = FifoDeduction.Plan(open, charge.Amount, now);
        if (!plan.IsFullyCovered)
        {
            // SpendableAt said it fits; a mismatch here is a bug, not a business outcome.
            throw new InvalidOperationException("FIFO plan did not cover an amount the spendable total covered.");
        }

        foreach (var draw in plan.Draws)
        {
            var grant = _grants[draw.GrantId];
            var remaining = grant.Remaining - draw.Amount;
            SetGrant(grant with { Remaining = remaining, Status = remaining == 0 ? GrantStatus.Depleted : GrantStatus.Open });
        }

        var entry = charge.Amount == 0
            ? null
            : Append(LedgerEntryType.Debit, LedgerReason.UsageDeduction, charge.Amount, -charge.Amount, now, e => e with
            {
                Breakdown = plan.Draws,
                FeatureSlug = charge.FeatureSlug,
                EventId = charge.EventId,
                Metadata = new Dictionary<string, string>
                {
                    ["quantity"] = charge.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["eventTimestamp"] = charge.EventTimestamp.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                },
            });
        return Record(charge, EventOutcomeStatus.Applied, null, entry?.Sequence, now);
    }

    private EventOutcome Record(UsageCharge charge, EventOutcomeStatus status, string? reason, long? sequence, DateTimeOffset now)
    {
        var outcome = new EventOutcome
        {
            EventId = charge.EventId,
            Status = status,
            Reason = reason,
            Amount = charge.Amount,
            LedgerSequence = sequence,
            FeatureSlug = charge.FeatureSlug,
            ProcessedAt = now,
        };
        _outcomes.Add(outcome);
        HeadChanged = true;
        return outcome;
    }

    private void SetGrant(Grant grant)
    {
        _grants[grant.Id] = grant;
        _touchedGrants.Add(grant.Id);
    }

    private LedgerEntry Append(
        LedgerEntryType type,
        LedgerReason reason,
        long amount,
        long balanceDelta,
        DateTimeOffset now,
        Func<LedgerEntry, LedgerEntry> details)
    {
        var before = Head.Balance;
        var after = checked(before + balanceDelta);
        var entry = details(new LedgerEntry
        {
            Sequence = Head.LastSequence + 1,
            Type = type,
            Reason = reason,
            Amount = amount,
            BalanceBefore = before,
            BalanceAfter = after,
            CreatedAt = now,
        });
        Head = Head with { Balance = after, LastSequence = entry.Sequence, UpdatedAt = now };
        HeadChanged = true;
        _entries.Add(entry);
        return entry;
    }

    private static GrantBalance ToBalance(Grant g) => new(g.Id, g.Remaining, g.Priority, g.EffectiveAt, g.ExpiresAt);
}
