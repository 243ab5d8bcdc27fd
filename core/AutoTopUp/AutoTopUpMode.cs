using System.Text.Json.Serialization;

namespace UnitPay.Core.AutoTopUp;

/// <summary>What an auto top-up buys: a credit <c>package</c> (unit wallets) or an <c>amount</c> of money (fiat wallets).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AutoTopUpMode>))]
public enum AutoTopUpMode
{
    [JsonStringEnumMemberName("package")]
    Package,

    [JsonStringEnumMemberName("amount")]
    Amount,
}
