using System.Globalization;
using System.Text;
using UnitPay.Core.Analytics;
using UnitPay.Core.Catalog;

namespace UnitPay.Functions.Portal;

/// <summary>
/// The burn chart, drawn on the server as SVG: one bar per day of the window, the average as a dashed line, with a
/// text alternative that says what the chart shows (role="img" and a title for screen readers).
/// </summary>
public static class BurnChart
{
    private const int Width = 600;
    private const int Height = 160;
    private const int Bottom = 20;

    public static string Svg(BurnSummary burn, CreditCurrency currency, string label)
    {
        ArgumentNullException.ThrowIfNull(burn);
        ArgumentNullException.ThrowIfNull(currency);
        var max = Math.Max(1, burn.Daily.Count == 0 ? 1 : burn.Daily.Max(d => d.Amount));
        var slot = (double)Width / Math.Max(1, burn.Daily.Count);
        var plot = Height - Bottom - 4;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Html.Attr(label)}\" preserveAspectRatio=\"none\">");
        text.Append("<title>").Append(Html.Text(label)).Append("</title>");
        text.Append(CultureInfo.InvariantCulture, $"<line x1=\"0\" y1=\"{Height - Bottom}\" x2=\"{Width}\" y2=\"{Height - Bottom}\" stroke=\"#999\" stroke-width=\"1\"/>");
        for (var i = 0; i < burn.Daily.Count; i++)
        {
            var day = burn.Daily[i];
            var h = day.Amount == 0 ? 0 : Math.Max(2, day.Amount * plot / (double)max);
            var x = (i * slot) + (slot * 0.15);
            text.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{x:F1}\" y=\"{Height - Bottom - h:F1}\" width=\"{slot * 0.7:F1}\" height=\"{h:F1}\" fill=\"#3b6fd8\"><title>{Html.Text(day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}: {Html.Text(Amounts.Format(day.Amount, currency))}</title></rect>");
        }

        if (burn.AverageDaily > 0)
        {
            var y = Height - Bottom - ((double)burn.AverageDaily * plot / max);
            text.Append(CultureInfo.InvariantCulture, $"<line x1=\"0\" y1=\"{y:F1}\" x2=\"{Width}\" y2=\"{y:F1}\" stroke=\"#d8573b\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>");
        }

        if (burn.Daily.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"<text x=\"2\" y=\"{Height - 4}\" font-size=\"12\" fill=\"#555\">{Html.Text(burn.Daily[0].Date.ToString("MMM d", CultureInfo.InvariantCulture))}</text>");
            text.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - 2}\" y=\"{Height - 4}\" font-size=\"12\" fill=\"#555\" text-anchor=\"end\">{Html.Text(burn.Daily[^1].Date.ToString("MMM d", CultureInfo.InvariantCulture))}</text>");
        }

        return text.Append("</svg>").ToString();
    }
}
