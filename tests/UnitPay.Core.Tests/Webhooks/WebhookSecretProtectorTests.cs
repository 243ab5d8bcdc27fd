using System.Security.Cryptography;
using UnitPay.Core.Webhooks;

namespace UnitPay.Core.Tests.Webhooks;

public sealed class WebhookSecretProtectorTests
{
    [Fact]
    public void With_a_key_a_secret_is_stored_encrypted_and_read_back()
    {
        var protector = new WebhookSecretProtector(new WebhookOptions { SecretKey = RandomNumberGenerator.GetBytes(32) });
        var secret = WebhookSecretProtector.NewSecret();

        var stored = protector.Protect(secret);

        Assert.StartsWith("v1:", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(secret[6..], stored, StringComparison.Ordinal);
        Assert.NotEqual(stored, protector.Protect(secret)); // a fresh nonce each time
        Assert.Equal(secret, protector.Unprotect(stored));
    }

    [Fact]
    public void A_secret_encrypted_under_another_key_or_tampered_with_is_refused()
    {
        var stored = new WebhookSecretProtector(new WebhookOptions { SecretKey = RandomNumberGenerator.GetBytes(32) }).Protect("whsec_abc");

        Assert.ThrowsAny<CryptographicException>(() => new WebhookSecretProtector(new WebhookOptions { SecretKey = RandomNumberGenerator.GetBytes(32) }).Unprotect(stored));
        Assert.ThrowsAny<CryptographicException>(() => new WebhookSecretProtector(new WebhookOptions()).Unprotect(stored));
    }

    [Fact]
    public void A_new_secret_is_whsec_and_64_hex_digits_and_never_repeats()
    {
        var a = WebhookSecretProtector.NewSecret();
        Assert.Matches("^whsec_[0-9a-f]{64}$", a);
        Assert.NotEqual(a, WebhookSecretProtector.NewSecret());
    }
}
