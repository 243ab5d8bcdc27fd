namespace UnitPay.Core.Identifiers;

/// <summary>The prefixes of the ids this engine makes (see <see cref="IdRules"/> for their shape).</summary>
public static class IdPrefixes
{
    public const string Organization = "org";
    public const string Customer = "cus";
    public const string CreditCurrency = "ccur";
    public const string Feature = "feat";
    public const string Plan = "plan";
    public const string Subscription = "sub";
    public const string CreditAccount = "cacc";
    public const string Grant = "grant";
    public const string Hold = "hold";
    public const string Event = "evt";
    public const string LedgerEntry = "led";
    public const string CreditPackage = "cpkg";
    public const string TopUp = "topup";
    public const string InvoiceLine = "inl";
}
