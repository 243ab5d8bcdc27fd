using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace UnitPay.Core.Plans;

/// <summary>
/// A length of calendar time with one unit, written as an ISO-8601 duration: <c>PT12H</c>, <c>P7D</c>, <c>P2W</c>,
/// <c>P1M</c>, <c>P1Y</c>. Months and years are calendar months and years (Jan 31 + P1M is Feb 28 or 29).
/// </summary>
[JsonConverter(typeof(CalendarDurationConverter))]
public readonly partial record struct CalendarDuration
{
    public const int MaxCount = 9999;

    private readonly int _count;
    private readonly char _unit;

    private CalendarDuration(int count, char unit)
    {
        _count = count;
        _unit = unit;
    }

    public static bool TryParse(string? text, out CalendarDuration duration)
    {
        duration = default;
        var match = text is null ? Match.Empty : Pattern().Match(text);
        if (!match.Success || !int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > MaxCount)
        {
            return false;
        }

        duration = new CalendarDuration(count, match.Groups["t"].Success ? 'H' : match.Groups["u"].Value[0]);
        return true;
    }

    public DateTimeOffset AddTo(DateTimeOffset at) => _unit switch
    {
        'H' => at.AddHours(_count),
        'D' => at.AddDays(_count),
        'W' => at.AddDays(7 * _count),
        'M' => at.AddMonths(_count),
        'Y' => at.AddYears(_count),
        _ => throw new InvalidOperationException("An empty CalendarDuration has no length."),
    };

    public override string ToString() => _unit == 'H'
        ? "PT" + _count.ToString(CultureInfo.InvariantCulture) + "H"
        : "P" + _count.ToString(CultureInfo.InvariantCulture) + _unit;

    [GeneratedRegex(@"^P(?:(?<n>\d{1,4})(?<u>[DWMY])|T(?<t>)(?<n>\d{1,4})H)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    internal sealed class CalendarDurationConverter : JsonConverter<CalendarDuration>
    {
        public override CalendarDuration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TryParse(reader.GetString(), out var duration) ? duration : throw new JsonException("Not an ISO-8601 duration such as P1M.");

        public override void Write(Utf8JsonWriter writer, CalendarDuration value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString());
    }
}
