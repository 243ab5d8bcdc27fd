using System.Security.Cryptography;

namespace UnitPay.Core.Portal;

/// <summary>
/// How portal links are signed. <see cref="SigningKey"/> comes from the setting <c>UNITPAY_PORTAL_SIGNING_KEY</c>
/// (never from an API key); without it each process makes a random one, so links work only on the instance that
/// issued them and until it restarts (fine locally; set the setting in Azure).
/// </summary>
public sealed record PortalOptions
{
    public const int MinKeyLength = 32;

    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(1);

    public required byte[] SigningKey { get; init; }

    public TimeSpan Lifetime { get; init; } = DefaultLifetime;

    public static PortalOptions WithRandomKey() => new() { SigningKey = RandomNumberGenerator.GetBytes(32) };
}
