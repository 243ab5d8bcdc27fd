using System.Globalization;
using UnitPay.Core.Results;

namespace UnitPay.Core.Analytics;

/// <summary>
/// The days a burn rate is measured over: the last <see cref="Days"/> calendar days in UTC, today included (today
/// counts as a whole day, though it is not over: a burn rate read in the morning is a little low).
/// </summary>
public readonly record struct BurnWindow(int Days)
{
    public const int DefaultDays = 30;
    public const int MaxDays = 90;

    /// <summary>Midnight (UTC) of the window's first day.</summary>
    public DateTimeOffset StartAt(DateTimeOffset now) => new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-(Days - 1));

    /// <summary>Reads <c>7d</c>, <c>30d</c> or a bare number of days (1 to <see cref="MaxDays"/>); empty means <see cref="DefaultDays"/>.</summary>
    public static Outcome<BurnWindow> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new BurnWindow(DefaultDays);
        }

        var digits = text.EndsWith('d') ? text[..^1] : text;
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= MaxDays
            ? new BurnWindow(days)
            : Failure.Validation("window", $"window must be a number of days from 1 to {MaxDays}, such as 7d or 30d.");
    }

    public override string ToString() => Days.ToString(CultureInfo.InvariantCulture) + "d";
}
