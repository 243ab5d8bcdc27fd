using UnitPay.Core.Grants;
using UnitPay.Core.Reservations;
using UnitPay.Core.Wallets;

namespace UnitPay.Core.Tests.Wallets;

/// <summary>The wallets, grants, holds and charges the session tests start from.</summary>
internal static class SessionFixtures
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    public static WalletHead NewHead() => new() { WalletId = "cacc_w", OrgId = "org_1", CustomerId = "cus_1", CurrencyId = "ccur_1", CreatedAt = T0 };

    public static WalletSession NewSession() => new(NewHead(), []);

    public static Grant NewGrant(string id, long amount, int priority = 10, DateTimeOffset? expires = null, DateTimeOffset? at = null) => new()
    {
        Id = id,
        Source = GrantSource.Manual,
        Amount = amount,
        Remaining = amount,
        Priority = priority,
        EffectiveAt = at ?? T0,
        ExpiresAt = expires,
        CreatedAt = at ?? T0,
    };

    public static Hold NewHold(string id, long amount, DateTimeOffset expiresAt, DateTimeOffset? at = null) => new()
    {
        Id = id,
        CustomerId = "cus_1",
        CreditCurrencyId = "ccur_1",
        Amount = amount,
        Breakdown = [],
        ExpiresAt = expiresAt,
        CreatedAt = at ?? T0,
    };

    /// <summary>The next transaction's session: what the store would load after the previous one committed.</summary>
    public static WalletSession Next(WalletSession s) => new(
        s.Head,
        s.Grants.Where(g => g.Status == GrantStatus.Open),
        s.Holds.Where(h => h.Status == HoldStatus.Held));

    public static UsageCharge Charge(string id, long amount, long overageLimit = 0, string? behavior = null) =>
        new(id, "chat", amount, T0, amount, overageLimit, behavior);
}
