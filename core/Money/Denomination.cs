namespace UnitPay.Core.Money;

/// <summary>
/// What a credit currency counts: raw units ("AI credits") or a fiat currency (prepaid money).
/// Two denominations are never mixed; see <see cref="CurrencyMismatchException"/>.
/// </summary>
public readonly record struct Denomination
{
    /// <summary>The denomination of unit credits.</summary>
    public const string UnitCode = "unit";

    // ISO-4217 minor-unit exponents for the codes whose exponent is not 2.
    private static readonly Dictionary<string, int> NonDefaultExponents = new(StringComparer.Ordinal)
    {
        ["bif"] = 0, ["clp"] = 0, ["djf"] = 0, ["gnf"] = 0, ["isk"] = 0, ["jpy"] = 0, ["kmf"] = 0,
        ["krw"] = 0, ["pyg"] = 0, ["rwf"] = 0, ["ugx"] = 0, ["uyi"] = 0, ["vnd"] = 0, ["vuv"] = 0,
        ["xaf"] = 0, ["xof"] = 0, ["xpf"] = 0,
        ["bhd"] = 3, ["iqd"] = 3, ["jod"] = 3, ["kwd"] = 3, ["lyd"] = 3, ["omr"] = 3, ["tnd"] = 3,
        ["clf"] = 4, ["uyw"] = 4,
    };

    // Active ISO-4217 codes with exponent 2 (the common case); kept explicit so a typo is rejected.
    private static readonly HashSet<string> TwoDecimalCodes = new(StringComparer.Ordinal)
    {
        "aed", "afn", "all", "amd", "ang", "aoa", "ars", "aud", "awg", "azn", "bam", "bbd", "bdt", "bgn",
        "bmd", "bnd", "bob", "brl", "bsd", "btn", "bwp", "byn", "bzd", "cad", "cdf", "chf", "cny", "cop",
        "crc", "cup", "cve", "czk", "dkk", "dop", "dzd", "egp", "ern", "etb", "eur", "fjd", "fkp", "gbp",
        "gel", "ghs", "gip", "gmd", "gtq", "gyd", "hkd", "hnl", "htg", "huf", "idr", "ils", "inr", "irr",
        "jmd", "kes", "kgs", "khr", "kpw", "kyd", "kzt", "lak", "lbp", "lkr", "lrd", "lsl", "mad", "mdl",
        "mga", "mkd", "mmk", "mnt", "mop", "mru", "mur", "mvr", "mwk", "mxn", "myr", "mzn", "nad", "ngn",
        "nio", "nok", "npr", "nzd", "pab", "pen", "pgk", "php", "pkr", "pln", "qar", "ron", "rsd", "rub",
        "sar", "sbd", "scr", "sdg", "sek", "sgd", "shp", "sle", "sos", "srd", "ssp", "stn", "svc", "syp",
        "szl", "thb", "tjs", "tmt", "top", "try", "ttd", "twd", "tzs", "uah", "usd", "uzs", "ves", "wst",
        "xcd", "yer", "zar", "zmw", "zwg",
    };

    private Denomination(string code) => Code = code;

    /// <summary><c>unit</c>, or a lowercase ISO-4217 code.</summary>
    public string Code { get; }

    /// <summary>True for unit credits, false for prepaid money.</summary>
    public bool IsUnit => Code == UnitCode;

    /// <summary>The unit denomination.</summary>
    public static Denomination Unit => new(UnitCode);

    /// <summary>Parses <c>unit</c> or a known ISO-4217 code (case-insensitive).</summary>
    public static bool TryParse(string? value, out Denomination denomination)
    {
        denomination = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var code = value.Trim().ToLowerInvariant();
        if (code == UnitCode || TwoDecimalCodes.Contains(code) || NonDefaultExponents.ContainsKey(code))
        {
            denomination = new Denomination(code);
            return true;
        }

        return false;
    }

    /// <summary>The ISO exponent of a fiat denomination; null for unit credits (their scale is chosen per currency).</summary>
    public int? IsoExponent => IsUnit ? null : NonDefaultExponents.GetValueOrDefault(Code, 2);

    public override string ToString() => Code;
}
