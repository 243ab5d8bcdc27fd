using System.Globalization;
using UnitPay.Core.Catalog;
using UnitPay.Core.Deduction;
using UnitPay.Core.Grants;
using UnitPay.Core.Ledger;
using UnitPay.Core.Money;
using UnitPay.Core.Reservations;
using UnitPay.Core.Results;

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
    private readonly Dictionary<string, Hold> _holds;
    private readonly HashSet<string> _touchedHolds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _newHolds = new(StringComparer.Ordinal);
    private bool _webhookEntries; // webhooks: an entry of this session is the subject of an event (Webhooks.WalletWebhookEvents)

    public WalletSession(WalletHead head, IEnumerable<Grant> openGrants, IEnumerable<Hold>? openHolds = null)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(openGrants);
        Head = head;
        OpeningHead = head;
        _grants = openGrants.ToDictionary(g => g.Id, StringComparer.Ordinal);
        _holds = (openHolds ?? []).ToDictionary(h => h.Id, StringComparer.Ordinal);
    }

    /// <summary>Most operations <see cref="ExpireDue"/> spends in one session; the rest waits for the next change or sweep.</summary>
    public const int ExpiryOperationBudget = 50;

    public WalletHead Head { get; private set; }

    /// <summary>The head as the session started from it (what the commit replaces): webhooks compare it with <see cref="Head"/>.</summary>
    public WalletHead OpeningHead { get; }

    /// <summary>True when committing this session emits webhook events (a grant, an expiry, a low-balance crossing): the commit then writes an outbox row.</summary>
    public bool HasWebhookEvents => _webhookEntries || Webhooks.WalletWebhookEvents.CrossesLowBalance(OpeningHead, Head);

    /// <summary>Grants this session holds (open ones, plus any it closed).</summary>
    public IReadOnlyCollection<Grant> Grants => _grants.Values;

    public IReadOnlyList<LedgerEntry> NewEntries => _entries;

    public IReadOnlyList<EventOutcome> NewOutcomes => _outcomes;

    /// <summary>Grants created or changed by this session.</summary>
    public IEnumerable<Grant> TouchedGrants => _touchedGrants.Select(id => _grants[id]);

    public bool IsNewGrant(string grantId) => _newGrants.Contains(grantId);

    /// <summary>Holds this session holds (open ones, plus any it resolved).</summary>
    public IReadOnlyCollection<Hold> Holds => _holds.Values;

    /// <summary>Holds created or changed by this session.</summary>
    public IEnumerable<Hold> TouchedHolds => _touchedHolds.Select(id => _holds[id]);

    public bool IsNewHold(string holdId) => _newHolds.Contains(holdId);

    public bool HeadChanged { get; private set; }

    /// <summary>
    /// Number of table operations this session's changes need: the head, touched grants and holds, one ledger page
    /// (all the new entries: see <see cref="WalletRows.ToLedgerPages"/>) and one marker per event.
    /// </summary>
    public int OperationCount => 1 + _touchedGrants.Count + _touchedHolds.Count + (_entries.Count == 0 ? 0 : 1) + _outcomes.Count + WebhookOutboxOperations;

    /// <summary>
    /// The webhook outbox row this session may write: counted as soon as it may be needed (an eventful entry, or a
    /// low-balance threshold that a later debit could cross), so a transaction never outgrows the limit by it.
    /// </summary>
    private int WebhookOutboxOperations => _webhookEntries || Head.LowBalanceThreshold is not null ? 1 : 0;

    /// <summary>
    /// What <see cref="Debit"/> could spend now: the free part (not held) of open, effective, unexpired grants. Held
    /// credits are not spendable by usage: only their hold can spend them.
    /// </summary>
    public long SpendableAt(DateTimeOffset now) =>
        FifoDeduction.SpendableTotal(OpenGrantBalances(), now);

    /// <summary>
    /// Releases holds past their time-to-live (RELEASE / HOLD_EXPIRED), then closes grants whose expiry has passed
    /// with an EXPIRE / EXPIRATION entry for what remained. A grant with credits still held keeps them (they belong to
    /// the hold) and loses only its free part; the rest expires when the hold resolves. Grants that await rollover are
    /// left to the cycle transition, which closes them with ROLLOVER / ROLLOVER_FORFEIT entries. Stops once the session has
    /// spent <see cref="ExpiryOperationBudget"/> operations, so a transaction never overflows; the rest is done next
    /// time. Returns how many holds and grants it closed.
    /// </summary>
    public int ExpireDue(DateTimeOffset now)
    {
        var closed = 0;
        var dueHolds = _holds.Values
            .Where(h => h.Status == HoldStatus.Held && h.IsExpiredAt(now))
            .OrderBy(h => h.ExpiresAt).ThenBy(h => h.Id, StringComparer.Ordinal)
            .ToList();
        foreach (var hold in dueHolds)
        {
            // A hold fits a transaction (it did when it was placed), so a session with nothing else in it always takes
            // one; past the budget, the rest waits for the next transaction instead of blocking what comes after.
            if (OperationCount > 1 && OperationCount + 3 + hold.Breakdown.Count > ExpiryOperationBudget)
            {
                continue;
            }

            ExpireHold(hold, now);
            closed++;
        }

        var dueGrants = _grants.Values
            .Where(g => g.Status == GrantStatus.Open && g.IsExpiredAt(now) && !g.AwaitsRollover && (g.Held == 0 || g.Free > 0))
            .OrderBy(g => g.ExpiresAt).ThenBy(g => g.Id, StringComparer.Ordinal)
            .ToList();
        foreach (var grant in dueGrants)
        {
            if (OperationCount + 2 > ExpiryOperationBudget)
            {
                break;
            }

            ExpireFreePart(grant.Id, now);
            closed++;
        }

        return closed;
    }

    /// <summary>
    /// Why this wallet cannot take a grant of <paramref name="amount"/> now: more than <see cref="AmountLimits.MaxGrant"/>,
    /// or a balance that would pass <see cref="AmountLimits.MaxBalance"/> (400 VALIDATION_FAILED naming <c>amount</c>).
    /// Null when it can.
    /// </summary>
    public Failure? GrantRefusal(long amount)
    {
        if (AmountLimits.ValidateGrant("amount", amount) is { } invalid)
        {
            return invalid;
        }

        return AmountLimits.FitsBalance(Head.Balance, amount)
            ? null
            : Failure.Validation("amount", $"A grant of {amount} would take the credit account's balance ({Head.Balance}) past the maximum of {AmountLimits.MaxBalance}.");
    }

    /// <summary>Adds a new grant with a CREDIT entry, or, when <see cref="GrantRefusal"/> refuses it, changes nothing and says why.</summary>
    public Outcome<LedgerEntry> TryAddGrant(Grant grant, LedgerReason reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return GrantRefusal(grant.Amount) is { } refused ? refused : AddGrant(grant, reason, now);
    }

    /// <summary>Adds a new grant with a CREDIT entry. The caller checked <see cref="GrantRefusal"/> (or uses <see cref="TryAddGrant"/>).</summary>
    public LedgerEntry AddGrant(Grant grant, LedgerReason reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (grant.Amount <= 0 || grant.Remaining != grant.Amount)
        {
            throw new ArgumentException("A new grant must have a positive amount, all of it remaining.", nameof(grant));
        }

        if (GrantRefusal(grant.Amount) is { } refused)
        {
            throw new ArgumentOutOfRangeException(nameof(grant), grant.Amount, refused.Message);
        }

        if (_grants.ContainsKey(grant.Id))
        {
            throw new InvalidOperationException($"Grant {grant.Id} already exists in this wallet.");
        }

        _newGrants.Add(grant.Id);
        SetGrant(grant);
        var credit = Append(LedgerEntryType.Credit, reason, grant.Amount, grant.Amount, now, e => e with
        {
            GrantId = grant.Id,
            Breakdown = [new GrantDraw(grant.Id, grant.Amount)],
        });
        if (Head.Deficit > 0 && Head.DeficitBehavior == OveragePolicy.CarryDeficit)
        {
            // carry_deficit: the next grant repays the deficit first. The balance already counts the deficit, so
            // moving credits from the grant to the deficit leaves it where it is.
            var repay = Math.Min(Head.Deficit, grant.Amount);
            var left = grant.Remaining - repay;
            SetGrant(grant with { Remaining = left, Status = left == 0 ? GrantStatus.Depleted : GrantStatus.Open });
            var deficit = Head.Deficit - repay;
            Head = Head with { Deficit = deficit, DeficitBehavior = deficit == 0 ? null : Head.DeficitBehavior };
            Append(LedgerEntryType.Adjustment, LedgerReason.DeficitRepaid, repay, 0, now, e => e with
            {
                GrantId = grant.Id,
                Breakdown = [new GrantDraw(grant.Id, repay)],
            });
        }

        return credit;
    }

    /// <summary>
    /// Takes <paramref name="amount"/> of an open grant's free credits out with an EXPIRE entry of the given reason (the
    /// cycle transition's ROLLOVER, ROLLOVER_FORFEIT or EXPIRATION). The grant closes as expired once nothing remains.
    /// </summary>
    public LedgerEntry ExpireFromGrant(string grantId, long amount, LedgerReason reason, DateTimeOffset now, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var grant = _grants[grantId];
        if (grant.Status != GrantStatus.Open || amount <= 0 || amount > grant.Free)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"Grant {grantId} is not open or has less than that free (held credits stay with their hold).");
        }

        // Once its free credits are gone, a grant that still backs a hold stops awaiting rollover: what its hold gives
        // back later expires then, as with any expired grant.
        var left = grant.Remaining - amount;
        SetGrant(grant with
        {
            Remaining = left,
            Status = left == 0 ? GrantStatus.Expired : GrantStatus.Open,
            AwaitsRollover = grant.AwaitsRollover && (left == 0 || left > grant.Held),
        });
        return Append(LedgerEntryType.Expire, reason, amount, -amount, now, e => e with
        {
            GrantId = grantId,
            Breakdown = [new GrantDraw(grantId, amount)],
            Metadata = metadata,
        });
    }

    /// <summary>
    /// Ends a grant's wait for rollover once the cycle transition has handled it while open holds still hold some of it:
    /// what those holds give back later expires, as with any expired grant.
    /// </summary>
    public void EndRolloverWait(string grantId)
    {
        var grant = _grants[grantId];
        if (grant.AwaitsRollover && grant.Status == GrantStatus.Open)
        {
            SetGrant(grant with { AwaitsRollover = false });
            HeadChanged = true;
        }
    }

    /// <summary>Voids an open grant: what remained leaves the balance with an ADJUSTMENT / GRANT_VOIDED entry.</summary>
    public LedgerEntry? VoidGrant(string grantId, DateTimeOffset now, string? reason)
    {
        var grant = _grants[grantId];
        if (grant.Held > 0)
        {
            throw new InvalidOperationException($"Grant {grantId} has credits held by open reservations; resolve them before voiding it.");
        }

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

    /// <summary>Caches the enabled auto top-up rule's threshold on the head (null: no rule enabled); see <see cref="WalletHead.AutoTopUpThreshold"/>.</summary>
    public void SetAutoTopUpThreshold(long? threshold, DateTimeOffset now)
    {
        if (Head.AutoTopUpThreshold != threshold)
        {
            Head = Head with { AutoTopUpThreshold = threshold, UpdatedAt = now };
            HeadChanged = true;
        }
    }

    /// <summary>Sets the wallet's low-balance threshold for the <c>credit.balance_low</c> webhook (null: none); see <see cref="WalletHead.LowBalanceThreshold"/>.</summary>
    public void SetLowBalanceThreshold(long? threshold, DateTimeOffset now)
    {
        if (Head.LowBalanceThreshold != threshold)
        {
            Head = Head with { LowBalanceThreshold = threshold, UpdatedAt = now };
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
        ArgumentOutOfRangeException.ThrowIfNegative(charge.Amount);
        if (Head.Status != WalletStatus.Active)
        {
            return Record(charge, EventOutcomeStatus.Rejected, Head.Status == WalletStatus.Frozen ? "WALLET_FROZEN" : "WALLET_CLOSED", null, now);
        }

        var spendable = SpendableAt(now);
        var shortfall = Math.Max(0, charge.Amount - spendable);
        if (shortfall > 0 && !CanOverdraw(shortfall, charge.OverageLimit))
        {
            return Record(charge, EventOutcomeStatus.Rejected, "INSUFFICIENT_CREDITS", null, now);
        }

        var plan = FifoDeduction.Plan(OpenGrantBalances(), charge.Amount - shortfall, now);
        if (!plan.IsFullyCovered)
        {
            // SpendableAt said it fits; a mismatch here is a bug, not a business outcome.
            throw new InvalidOperationException("FIFO plan did not cover an amount the spendable total covered.");
        }

        Draw(plan.Draws, now);
        if (shortfall > 0)
        {
            Head = Head with { Deficit = checked(Head.Deficit + shortfall), DeficitBehavior = charge.OverageBehavior };
        }

        var metadata = new Dictionary<string, string>
        {
            ["quantity"] = charge.Quantity.ToString(CultureInfo.InvariantCulture),
            ["eventTimestamp"] = charge.EventTimestamp.ToString("O", CultureInfo.InvariantCulture),
        };
        if (shortfall > 0)
        {
            metadata["overage"] = shortfall.ToString(CultureInfo.InvariantCulture);
        }

        var entry = charge.Amount == 0
            ? null
            : Append(LedgerEntryType.Debit, LedgerReason.UsageDeduction, charge.Amount, -charge.Amount, now, e => e with
            {
                Breakdown = plan.Draws,
                FeatureSlug = charge.FeatureSlug,
                EventId = charge.EventId,
                Metadata = metadata,
            });
        return Record(charge, EventOutcomeStatus.Applied, null, entry?.Sequence, now);
    }

    /// <summary>
    /// Earmarks the hold's amount on the wallet's grants, FIFO, for a new hold (HOLD entry): available drops,
    /// balance does not. Holds are funded by credits only, never by overage. Fails with INSUFFICIENT_CREDITS when the
    /// free, spendable credits (or available, when a deficit is owed) are short.
    /// </summary>
    public Outcome<Hold> PlaceHold(Hold hold, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(hold);
        if (StatusRefusal() is { } refused)
        {
            return refused;
        }

        if (hold.Amount <= 0 || hold.Status != HoldStatus.Held || _holds.ContainsKey(hold.Id))
        {
            throw new ArgumentException("A new hold must be open, with a positive amount and a new id.", nameof(hold));
        }

        var coverable = Math.Min(SpendableAt(now), Head.Available);
        if (hold.Amount > coverable)
        {
            return new Failure(FailureCodes.InsufficientCredits, $"The credit account has {Math.Max(0, coverable)} available; {hold.Amount} cannot be reserved.");
        }

        var plan = FifoDeduction.Plan(OpenGrantBalances(), hold.Amount, now);
        foreach (var draw in plan.Draws)
        {
            var grant = _grants[draw.GrantId];
            SetGrant(grant with { Held = grant.Held + draw.Amount });
        }

        var placed = hold with { Breakdown = plan.Draws };
        _newHolds.Add(placed.Id);
        SetHold(placed);
        Head = Head with { Reserved = checked(Head.Reserved + placed.Amount) };
        Append(LedgerEntryType.Hold, LedgerReason.HoldPlaced, placed.Amount, 0, now, e => e with
        {
            HoldId = placed.Id,
            FeatureSlug = placed.FeatureSlug,
            Breakdown = plan.Draws,
            Metadata = new Dictionary<string, string> { ["expiresAt"] = placed.ExpiresAt.ToString("O", CultureInfo.InvariantCulture) },
        });
        return placed;
    }

    /// <summary>
    /// Commits an open hold: deducts <paramref name="amount"/> (at most what is held) from the credits it earmarked
    /// (DEBIT / HOLD_CAPTURE) and releases the rest (RELEASE). Always covered: the held credits cannot have been spent
    /// by anything else. Returns null when this session has no such open hold (it is resolved or unknown), or when the
    /// hold is past its time-to-live: then it is released as expired (HOLD_EXPIRED) instead.
    /// </summary>
    public Hold? CommitHold(string holdId, long amount, DateTimeOffset now)
    {
        if (!_holds.TryGetValue(holdId, out var hold) || hold.Status != HoldStatus.Held)
        {
            return null;
        }

        if (amount < 0 || amount > hold.Amount)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, $"A commit takes 0 to {hold.Amount}.");
        }

        if (hold.IsExpiredAt(now))
        {
            ExpireHold(hold, now);
            return null;
        }

        return Resolve(hold, amount, HoldStatus.Committed, LedgerReason.HoldCapture, now);
    }

    /// <summary>
    /// Releases an open hold in full (RELEASE / HOLD_RELEASED). Returns null when this session has no such open hold,
    /// or when the hold is past its time-to-live (then it is released as expired, HOLD_EXPIRED, and stays so).
    /// </summary>
    public Hold? ReleaseHold(string holdId, DateTimeOffset now)
    {
        if (!_holds.TryGetValue(holdId, out var hold) || hold.Status != HoldStatus.Held)
        {
            return null;
        }

        if (hold.IsExpiredAt(now))
        {
            ExpireHold(hold, now);
            return null;
        }

        return Resolve(hold, 0, HoldStatus.Released, LedgerReason.HoldReleased, now);
    }

    /// <summary>
    /// The cycle reset of a deficit, for the cycle that ends at <paramref name="cycleEnd"/>: <c>forgive_at_reset</c>
    /// writes it off (ADJUSTMENT / OVERAGE_FORGIVEN); <c>invoice_at_billing</c> clears what the caller invoiced,
    /// <paramref name="invoiced"/> credits at most (ADJUSTMENT / OVERAGE_INVOICED, naming
    /// <paramref name="invoiceLineId"/>); <c>carry_deficit</c> leaves it for the next grant to repay. A cycle end is
    /// settled once: the head records it, so a re-run of the same reset changes nothing. Returns what was cleared, or
    /// null when nothing was.
    /// </summary>
    public OverageSettlement? SettleOverageAtReset(DateTimeOffset cycleEnd, DateTimeOffset now, long invoiced = 0, string? invoiceLineId = null)
    {
        if (Head.OverageSettledThrough is { } settled && settled >= cycleEnd)
        {
            return null;
        }

        var (reason, amount) = Head.DeficitBehavior switch
        {
            OveragePolicy.ForgiveAtReset => (LedgerReason.OverageForgiven, Head.Deficit),
            OveragePolicy.InvoiceAtBilling => (LedgerReason.OverageInvoiced, Math.Min(Math.Max(0, invoiced), Head.Deficit)),
            _ => (LedgerReason.ManualAdjustment, 0L),
        };
        if (amount == 0)
        {
            return null;
        }

        var behavior = Head.DeficitBehavior!;
        var deficit = Head.Deficit - amount;
        Head = Head with { Deficit = deficit, DeficitBehavior = deficit == 0 ? null : behavior, OverageSettledThrough = cycleEnd };
        var metadata = new Dictionary<string, string> { ["cycleEnd"] = cycleEnd.ToString("O", CultureInfo.InvariantCulture) };
        if (reason == LedgerReason.OverageInvoiced && invoiceLineId is not null)
        {
            metadata["invoiceLineId"] = invoiceLineId;
        }

        var entry = Append(LedgerEntryType.Adjustment, reason, amount, amount, now, e => e with { Metadata = metadata });
        return new OverageSettlement(behavior, amount, entry);
    }

    // Written so that no sum can overflow, whatever the shortfall: the deficit never passes the limit, and no limit
    // passes AmountLimits.MaxOverageLimit (a currency stored before that bound cannot take a wallet further).
    private bool CanOverdraw(long shortfall, long overageLimit)
    {
        var limit = Math.Min(overageLimit, AmountLimits.MaxOverageLimit);
        return limit > 0 && Head.Deficit <= limit && shortfall <= limit - Head.Deficit;
    }

    private Failure? StatusRefusal() => Head.Status switch
    {
        WalletStatus.Active => null,
        WalletStatus.Frozen => new Failure(FailureCodes.WalletFrozen, "The credit account is frozen."),
        _ => new Failure(FailureCodes.Conflict, "The credit account is closed."),
    };

    /// <summary>Takes a FIFO plan's draws out of the grants' free credits.</summary>
    private void Draw(IEnumerable<GrantDraw> draws, DateTimeOffset now)
    {
        foreach (var draw in draws)
        {
            var grant = _grants[draw.GrantId];
            var remaining = grant.Remaining - draw.Amount;
            SetGrant(grant with { Remaining = remaining, Status = remaining == 0 ? ClosedStatus(grant, now) : GrantStatus.Open });
        }
    }

    /// <summary>
    /// Resolves a hold: <paramref name="capture"/> of its credits is deducted in the order they were earmarked, the
    /// rest goes back to the grants' free credits, and a grant already past its expiry loses what came back.
    /// </summary>
    private Hold Resolve(Hold hold, long capture, HoldStatus status, LedgerReason releaseReason, DateTimeOffset now)
    {
        var captured = new List<GrantDraw>();
        var left = capture;
        foreach (var part in hold.Breakdown)
        {
            var grant = _grants[part.GrantId];
            var take = Math.Min(part.Amount, left);
            left -= take;
            if (take > 0)
            {
                captured.Add(new GrantDraw(part.GrantId, take));
            }

            var remaining = grant.Remaining - take;
            SetGrant(grant with
            {
                Held = grant.Held - part.Amount,
                Remaining = remaining,
                Status = remaining == 0 ? ClosedStatus(grant, now) : GrantStatus.Open,
            });
        }

        var released = hold.Amount - capture;
        Head = Head with { Reserved = Head.Reserved - hold.Amount };
        if (capture > 0)
        {
            Append(LedgerEntryType.Debit, LedgerReason.HoldCapture, capture, -capture, now, e => e with
            {
                HoldId = hold.Id,
                FeatureSlug = hold.FeatureSlug,
                Breakdown = captured,
            });
        }

        if (released > 0)
        {
            Append(LedgerEntryType.Release, releaseReason, released, 0, now, e => e with
            {
                HoldId = hold.Id,
                FeatureSlug = hold.FeatureSlug,
                Breakdown = ReleasedParts(hold.Breakdown, capture),
            });
        }

        var resolved = hold with { Status = status, ResolvedAt = now, CommittedAmount = capture, ReleasedAmount = released };
        SetHold(resolved);
        foreach (var part in hold.Breakdown)
        {
            var grant = _grants[part.GrantId];
            // What comes back to a grant past its expiry expires now, unless the grant awaits its rollover: then the
            // cycle transition rolls it over with the rest.
            if (grant.Status == GrantStatus.Open && grant.IsExpiredAt(now) && grant.Free > 0 && !grant.AwaitsRollover)
            {
                ExpireFreePart(grant.Id, now);
            }
        }

        return resolved;
    }

    private void ExpireHold(Hold hold, DateTimeOffset now) =>
        Resolve(hold, 0, HoldStatus.Expired, LedgerReason.HoldExpired, now);

    private static List<GrantDraw> ReleasedParts(IReadOnlyList<GrantDraw> breakdown, long capture)
    {
        var parts = new List<GrantDraw>();
        var skip = capture;
        foreach (var part in breakdown)
        {
            var taken = Math.Min(part.Amount, skip);
            skip -= taken;
            if (part.Amount > taken)
            {
                parts.Add(new GrantDraw(part.GrantId, part.Amount - taken));
            }
        }

        return parts;
    }

    /// <summary>Closes an expired grant's free part with an EXPIRE entry; held credits stay until their hold resolves.</summary>
    private void ExpireFreePart(string grantId, DateTimeOffset now)
    {
        var grant = _grants[grantId];
        var free = grant.Free;
        SetGrant(grant with
        {
            Remaining = grant.Held,
            Status = grant.Held == 0 ? GrantStatus.Expired : GrantStatus.Open,
        });
        if (free > 0)
        {
            Append(LedgerEntryType.Expire, LedgerReason.Expiration, free, -free, now, e => e with
            {
                GrantId = grantId,
                Breakdown = [new GrantDraw(grantId, free)],
            });
        }
    }

    private static GrantStatus ClosedStatus(Grant grant, DateTimeOffset now) =>
        grant.IsExpiredAt(now) ? GrantStatus.Expired : GrantStatus.Depleted;

    private IEnumerable<GrantBalance> OpenGrantBalances() =>
        _grants.Values.Where(g => g.Status == GrantStatus.Open).Select(g => g.ToBalance());

    private void SetHold(Hold hold)
    {
        _holds[hold.Id] = hold;
        _touchedHolds.Add(hold.Id);
        HeadChanged = true;
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
        _webhookEntries |= Webhooks.WalletWebhookEvents.IsSubject(entry);
        return entry;
    }
}
