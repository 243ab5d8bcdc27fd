using System.Globalization;
using UnitPay.Client.Models;

namespace UnitPay.Client;

/// <content>Burn rate and runway, balances as of an instant, and portal sessions.</content>
public sealed partial class UnitPayClient
{
    /// <summary><c>GET /v1/usage/burn-rate</c>: daily consumption, average burn and runway of one wallet (window in days, 1 to 90; default 30).</summary>
    public Task<BurnRate> GetBurnRateAsync(string customerId, string creditCurrencyId, int? windowDays = null, CancellationToken cancellationToken = default) =>
        GetAsync<BurnRate>(
            Query("usage/burn-rate", ("customerId", customerId), ("creditCurrencyId", creditCurrencyId), ("window", windowDays is { } d ? d.ToString(CultureInfo.InvariantCulture) + "d" : null)),
            cancellationToken);

    /// <summary><c>GET /v1/credit-accounts/{id}/balance?asOf=</c>: the balance and open grants at an instant (now when omitted), from the ledger.</summary>
    public Task<BalanceAsOf> GetBalanceAsOfAsync(string creditAccountId, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default) =>
        GetAsync<BalanceAsOf>(
            Query("credit-accounts/" + Escape(creditAccountId) + "/balance", ("asOf", asOf?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture))),
            cancellationToken);

    /// <summary><c>POST /v1/customers/{id}/portal-sessions</c>: a short-lived signed link to the customer's portal.</summary>
    public Task<PortalSession> CreatePortalSessionAsync(string customerId, Uri? returnUrl = null, CancellationToken cancellationToken = default) =>
        PostAsync<PortalSession>("customers/" + Escape(customerId) + "/portal-sessions", new { returnUrl = returnUrl?.ToString() }, cancellationToken);
}
