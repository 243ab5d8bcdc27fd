using UnitPay.Core.Money;
using UnitPay.Core.Plans;

namespace UnitPay.Core.Packages;

/// <summary>
/// A credit package (a SKU): a fixed number of credits of one credit currency for a fixed price. A purchase grants
/// <see cref="Credits"/> at the package priority (50), expiring <see cref="ExpiresAfter"/> after the grant when set.
/// Packages are immutable; an archived one is kept (purchases name it) but sells no more.
/// </summary>
public sealed record CreditPackage
{
    public const string Active = "active";
    public const string Archived = "archived";

    /// <summary>A <c>cpkg_</c> id.</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string CreditCurrencyId { get; init; }

    /// <summary>In minor units of the credit currency.</summary>
    public required long Credits { get; init; }

    public required Price Price { get; init; }

    public CalendarDuration? ExpiresAfter { get; init; }

    /// <summary><c>active</c> or <c>archived</c>.</summary>
    public string Status { get; init; } = Active;

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ArchivedAt { get; init; }
}
