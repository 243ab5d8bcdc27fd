using System.Text;

namespace UnitPay.Core.Ledger;

/// <summary>Wire names of ledger types and reasons (<c>CREDIT</c>, <c>USAGE_DEDUCTION</c>).</summary>
public static class LedgerNames
{
    public static string ToWire(LedgerEntryType type) => type.ToString().ToUpperInvariant();

    public static string ToWire(LedgerReason reason)
    {
        var name = reason.ToString();
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                sb.Append('_');
            }

            sb.Append(char.ToUpperInvariant(name[i]));
        }

        return sb.ToString();
    }

    public static bool TryParseType(string? value, out LedgerEntryType type)
    {
        type = default;
        return !string.IsNullOrEmpty(value) && value.All(char.IsAsciiLetter)
            && Enum.TryParse(value, ignoreCase: true, out type) && Enum.IsDefined(type);
    }

    public static bool TryParseReason(string? value, out LedgerReason reason)
    {
        reason = default;
        return !string.IsNullOrEmpty(value)
            && Enum.TryParse(value.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true, out reason)
            && Enum.IsDefined(reason);
    }
}
