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
public sealed partial class WalletSession
{
    private readonly Dictionary<string, Grant> _grants;
    private readonly HashSet<string> _touchedGrants = new(StringComparer.Ordinal);
    private readonly List<LedgerEntry> _entries = [];
    private readonly List<EventOutcome> _outcomes = [];
    private readonly HashSet<string> _newGrants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Hold> _holds;
    private readonly HashSet<string> _touchedHolds = new(StringComparer.Ordinal);
    private bool _webhookEntries; // webhooks: an entry of this session is the subject of an event (Webhooks.WalletWebhookEvents)
    private readonly HashSet<string> _newHolds = new(StringComparer.Ordinal);

    public WalletSession(WalletHead head, IEnumerable<Grant> openGrants, IEnumerable<Hold>? openHolds = null)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(openGrants);
        Head = head;
        OpeningHead = head;
        _grants = openGrants.ToDictionary(g => g.Id, StringComparer.Ordinal);
        _holds = (openHolds ?? []).ToDictionary(h => h.Id, StringComparer.Ordinal);
    }

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

    private Failure? StatusRefusal() => Head.Status switch
    {
        WalletStatus.Active => null,
        WalletStatus.Frozen => new Failure(FailureCodes.WalletFrozen, "The credit account is frozen."),
        _ => new Failure(FailureCodes.Conflict, "The credit account is closed."),
    };

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
