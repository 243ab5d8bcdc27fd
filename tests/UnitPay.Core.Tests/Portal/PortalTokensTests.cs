using System.Text;
using UnitPay.Core.Portal;

namespace UnitPay.Core.Tests.Portal;

public sealed class PortalTokensTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("a-signing-key-for-tests-only-0123456789");
    private static readonly PortalSession Session = new("org_1", "cus_1", Now.AddHours(1), "https://app.example.com/billing", "0011223344556677");

    [Fact]
    public void A_signed_token_opens_its_session_until_it_expires()
    {
        var token = PortalTokens.Sign(Session, Key);

        Assert.Equal(Session, PortalTokens.Verify(token, Key, Now));
        Assert.Null(PortalTokens.Verify(token, Key, Now.AddHours(1)));
    }

    [Fact]
    public void A_token_for_one_customer_cannot_be_edited_into_one_for_another()
    {
        var token = PortalTokens.Sign(Session, Key);
        var other = PortalTokens.Sign(Session with { CustomerId = "cus_2" }, Key);
        var spliced = token.Split('.')[0] == other.Split('.')[0] ? null : other.Split('.')[0] + "." + token.Split('.')[1];
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(Pad(token.Split('.')[0])));
        var rewritten = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload.Replace("cus_1", "cus_2", StringComparison.Ordinal))).TrimEnd('=').Replace('+', '-').Replace('/', '_') + "." + token.Split('.')[1];

        Assert.Null(PortalTokens.Verify(spliced, Key, Now));
        Assert.Null(PortalTokens.Verify(rewritten, Key, Now));
        Assert.Null(PortalTokens.Verify(token, Encoding.UTF8.GetBytes("another-key-another-key-another-key!!"), Now));
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData("a.b.c")]
    [InlineData("!!!.???")]
    [InlineData(".")]
    public void Malformed_tokens_open_nothing(string token) => Assert.Null(PortalTokens.Verify(token, Key, Now));

    [Fact]
    public void The_token_holds_no_secret_it_could_leak()
    {
        var token = PortalTokens.Sign(Session, Key);
        var payload = Encoding.UTF8.GetString(Convert.FromBase64String(Pad(token.Split('.')[0])));

        Assert.DoesNotContain("upay_sk_", payload, StringComparison.Ordinal);
        Assert.DoesNotContain(Encoding.UTF8.GetString(Key), payload, StringComparison.Ordinal);
        Assert.Contains("cus_1", payload, StringComparison.Ordinal); // it names its customer, in the clear, and is signed
    }

    private static string Pad(string s) => s.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (s.Length % 4)) % 4);
}
