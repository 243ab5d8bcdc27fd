namespace UnitPay.Core.Faults;

/// <summary>
/// The places where a crash can be injected (<see cref="IFaultInjector"/>). Each is a moment where a process that dies
/// leaves work half done, so the engine's exactly-once guarantees must hold across it.
/// </summary>
public enum FaultPoint
{
    /// <summary>In <c>WalletEngine</c>, just before a wallet's entity-group transaction is submitted: nothing of it is written.</summary>
    BeforeWalletCommit,

    /// <summary>In the queue listener, after <c>DeductUsageQueue</c> returned (its commits are written) and before the message is deleted: it is delivered again.</summary>
    AfterCommitBeforeQueueDelete,

    /// <summary>In <c>UsageProcessor</c>, after one wallet of a message committed while another has not finished: the message is delivered again with part of it applied.</summary>
    BetweenWalletCommits,

    /// <summary>In <c>ExpirySweeper</c>, between two wallets of one sweep: the run stops half-way and the next run finishes it.</summary>
    ExpirySweepMidRun,

    /// <summary>In <c>SubscriptionCycles</c>, between two wallets of a step or two subscriptions of a run: the run stops half-way.</summary>
    GrantCyclesMidRun,

    /// <summary>In <c>TopUpService</c>, after the provider answered that the charge succeeded and before its grant is applied.</summary>
    AfterChargeBeforeGrant,

    /// <summary>In <c>WebhookDispatcher</c>, after a wallet's outbox row was queued to its endpoints and before the row is deleted: the sweeper queues it again, with the same event ids.</summary>
    AfterWebhookFanOut,

    /// <summary>In <c>WalletEngine</c>, after a commit that crossed an auto top-up threshold and before the crossing is handed to the firer: the recorded crossing waits for the sweeper.</summary>
    AfterCrossingCommit,
}
