using UnitPay.Core.Customers;

namespace UnitPay.Core.TopUps;

/// <summary>Attempts the engine makes itself (auto top-ups, sweeper replays): no caller waits, and no customer is present.</summary>
public sealed partial class TopUpService
{
    /// <summary>
    /// Records <paramref name="attempt"/> under its own (derived) id, once: a second call with the same id finds the first
    /// and makes nothing new. A <c>pending</c> one is then taken as far as it goes now, as a call's would be: charged
    /// off-session under its id as the idempotency key, or invoiced, and granted once. A charge that needs the customer
    /// (authentication) fails the attempt, since nobody is there to act. Returns the attempt as it stands, and whether this
    /// call recorded it. A provider that does not answer leaves it pending (the sweeper resumes it); other faults throw,
    /// leaving it pending too.
    /// </summary>
    public async Task<(TopUpAttempt Attempt, bool Created)> StartEngineAttemptAsync(string orgId, Customer customer, TopUpAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(attempt);
        var (stored, created) = await attempts.CreateAsync(orgId, attempt, "engine|" + attempt.Id, cancellationToken);
        if (!created || stored.Status != TopUpStatus.Pending)
        {
            return (stored, created);
        }

        var settlement = await ProceedAsync(orgId, customer, stored, cancellationToken);
        if (settlement.Value is { Kind: TopUpSettlement.RequiresForm } waiting)
        {
            return (await FailAsync(orgId, stored.Id, waiting.TopUp.PaymentId, "authentication_required", "The charge needs the customer to authenticate, and an automatic top-up has no customer present to do so.", cancellationToken), true);
        }

        return ((await attempts.ReadAsync(orgId, stored.Id, cancellationToken))?.Attempt ?? stored, true);
    }
}
