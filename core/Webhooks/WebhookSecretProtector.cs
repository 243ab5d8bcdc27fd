using System.Security.Cryptography;
using System.Text;

namespace UnitPay.Core.Webhooks;

/// <summary>
/// Keeps endpoint secrets at rest. The app must sign with them, so they cannot be hashed like API keys: with
/// <see cref="WebhookOptions.SecretKey"/> set they are encrypted (AES-GCM, <c>v1:</c> + base64 of nonce, tag and
/// ciphertext); without it they are stored as issued (<c>plain:</c>), which the README says is for local runs only.
/// Either way no API answer returns a secret after its creation.
/// </summary>
public sealed class WebhookSecretProtector(WebhookOptions options)
{
    private const string Encrypted = "v1:";
    private const string Plain = "plain:";

    /// <summary>A new secret: <c>whsec_</c> and 32 random bytes, hex.</summary>
    public static string NewSecret() => WebhookIds.SecretPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public string Protect(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (options.SecretKey is not { } key)
        {
            return Plain + secret;
        }

        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[12 + 16 + plain.Length];
        var nonce = sealedBytes.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16));
        return Encrypted + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The secret; throws <see cref="CryptographicException"/> when it was encrypted with another key (or none is set).</summary>
    public string Unprotect(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (stored.StartsWith(Plain, StringComparison.Ordinal))
        {
            return stored[Plain.Length..];
        }

        if (!stored.StartsWith(Encrypted, StringComparison.Ordinal) || options.SecretKey is not { } key)
        {
            throw new CryptographicException($"An endpoint secret is encrypted, and {WebhookOptions.SecretKeySetting} is not set (or the secret is not in a known form).");
        }

        var sealedBytes = Convert.FromBase64String(stored[Encrypted.Length..]);
        var plain = new byte[sealedBytes.Length - 28];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16), plain);
        return Encoding.UTF8.GetString(plain);
    }
}
