using System.Security.Cryptography;
using System.Text;
using UnitPay.Core.Webhooks;

namespace UnitPay.Core.Tests.Webhooks;

public sealed class WebhookSignerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private const string Secret = "whsec_0123456789abcdef";
    private const string Body = """{"id":"whevt_1","type":"credit.grant.created","data":{"amount":1000}}""";

    [Fact]
    public void The_header_is_t_and_the_hex_hmac_sha256_of_t_dot_body()
    {
        var header = WebhookSigner.Sign(Body, Secret, Now);

        var t = Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(t + "." + Body)));
        Assert.Equal($"t={t},v1={expected}", header);
    }

    [Fact]
    public void A_signed_body_verifies_and_any_change_to_body_secret_or_time_does_not()
    {
        var header = WebhookSigner.Sign(Body, Secret, Now);
        var tolerance = TimeSpan.FromMinutes(5);

        Assert.True(WebhookSigner.Verify(Body, header, Secret, Now.AddMinutes(4), tolerance));
        Assert.False(WebhookSigner.Verify(Body.Replace("1000", "1001", StringComparison.Ordinal), header, Secret, Now, tolerance));
        Assert.False(WebhookSigner.Verify(Body, header, Secret + "x", Now, tolerance));
        Assert.False(WebhookSigner.Verify(Body, header, Secret, Now.AddMinutes(6), tolerance));
        Assert.False(WebhookSigner.Verify(Body, header.Replace("t=", "t=1", StringComparison.Ordinal), Secret, Now, TimeSpan.MaxValue));
        Assert.False(WebhookSigner.Verify(Body, null, Secret, Now, tolerance));
        Assert.False(WebhookSigner.Verify(Body, "v1=abc", Secret, Now, tolerance));
    }
}
