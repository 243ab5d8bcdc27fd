using System.Text.Encodings.Web;

namespace UnitPay.Functions.Portal;

/// <summary>Everything that reaches the page from data goes through here: HTML-encoded for text and attributes.</summary>
public static class Html
{
    public static string Text(string? value) => HtmlEncoder.Default.Encode(value ?? string.Empty);

    public static string Attr(string? value) => HtmlEncoder.Default.Encode(value ?? string.Empty);
}
