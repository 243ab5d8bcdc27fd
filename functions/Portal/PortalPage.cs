using System.Globalization;
using System.Text;
using UnitPay.Core.Ledger;
using UnitPay.Core.Money;
using UnitPay.Core.TopUps;

namespace UnitPay.Functions.Portal;

/// <summary>
/// The portal page, rendered on the server: plain HTML forms that post back to the portal (no script, no build step),
/// a little inline CSS that stacks on a phone, labels on every control, and every value from data HTML-encoded.
/// </summary>
public static class PortalPage
{
    private const string Style = """
        *{box-sizing:border-box}body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2330;background:#f4f6fa;line-height:1.4}
        header{background:#1d2330;color:#fff;padding:12px 16px;display:flex;justify-content:space-between;align-items:center;gap:8px;flex-wrap:wrap}
        header a{color:#cfe0ff}main{max-width:980px;margin:0 auto;padding:12px}
        .wallet{background:#fff;border:1px solid #dde3ee;border-radius:10px;padding:14px;margin:14px 0}
        .figures{display:flex;flex-wrap:wrap;gap:12px}.figure{flex:1 1 140px;background:#f7f9fc;border-radius:8px;padding:8px 10px}
        .figure .v{font-size:1.35rem;font-weight:600}.figure .k{font-size:.8rem;color:#556}
        .chart{width:100%;height:160px;background:#fbfcfe;border:1px solid #e6ebf3;border-radius:6px}
        table{width:100%;border-collapse:collapse;font-size:.9rem}th,td{text-align:left;padding:6px 4px;border-bottom:1px solid #eef1f6}
        td.n,th.n{text-align:right;white-space:nowrap}.scroll{overflow-x:auto}
        form.inline{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-end;margin:6px 0}
        label{display:flex;flex-direction:column;font-size:.85rem;gap:2px}input,select{font-size:1rem;padding:6px;border:1px solid #b9c3d6;border-radius:6px;min-height:40px}
        button{font-size:1rem;padding:8px 14px;border-radius:6px;border:0;background:#3b6fd8;color:#fff;min-height:40px;cursor:pointer}
        button.secondary{background:#5b6475}.notice{background:#e5f6ea;border:1px solid #9bd3aa;padding:8px 12px;border-radius:6px}
        .error{background:#fdeaea;border:1px solid #e3a1a1;padding:8px 12px;border-radius:6px}.muted{color:#667}
        h2{margin:.2rem 0 .6rem}h3{margin:1rem 0 .4rem;font-size:1rem}.grid{display:grid;grid-template-columns:1fr 1fr;gap:14px}
        @media (max-width:640px){.grid{grid-template-columns:1fr}.figure .v{font-size:1.15rem}th.hide,td.hide{display:none}main{padding:6px}}
        """;

    public static string Render(PortalModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var html = new StringBuilder(16_384);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<meta name=\"robots\" content=\"noindex\"><title>Credits · ").Append(Html.Text(model.Customer.Name)).Append("</title><style>").Append(Style).Append("</style></head><body>");
        html.Append("<header><div><strong>Credits</strong> · ").Append(Html.Text(model.Customer.Name)).Append("</div>");
        if (model.ReturnUrl is { } back)
        {
            html.Append("<a href=\"").Append(Html.Attr(back)).Append("\">Back</a>");
        }

        html.Append("</header><main>");
        if (model.Notice is { } notice)
        {
            html.Append("<p class=\"notice\" role=\"status\">").Append(Html.Text(notice)).Append("</p>");
        }

        if (model.Error is { } error)
        {
            html.Append("<p class=\"error\" role=\"alert\">").Append(Html.Text(error)).Append("</p>");
        }

        if (model.Wallets.Count == 0)
        {
            html.Append("<p>You have no credit wallets yet.</p>");
        }

        foreach (var wallet in model.Wallets)
        {
            Wallet(html, model, wallet);
        }

        html.Append("<p class=\"muted\">This page is yours alone; its link expires at ")
            .Append(Html.Text(model.ExpiresAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))).Append(".</p>");
        return html.Append("</main></body></html>").ToString();
    }

    private static void Wallet(StringBuilder html, PortalModel model, PortalWallet w)
    {
        var c = w.Currency;
        var id = w.View.Head.WalletId;
        var title = "wallet-" + id;
        html.Append("<section class=\"wallet\" aria-labelledby=\"").Append(Html.Attr(title)).Append("\" data-wallet=\"").Append(Html.Attr(id)).Append("\">");
        html.Append("<h2 id=\"").Append(Html.Attr(title)).Append("\">").Append(Html.Text(c.Name)).Append("</h2>");
        if (w.View.Head.Status != Core.Wallets.WalletStatus.Active)
        {
            html.Append("<p class=\"error\">This wallet is ").Append(Html.Text(w.View.Head.Status.ToString().ToLowerInvariant())).Append(".</p>");
        }

        html.Append("<div class=\"figures\">");
        Figure(html, "Balance", Amounts.Format(w.View.Balance, c), "balance");
        Figure(html, "Available", Amounts.Format(w.View.Available, c), "available");
        if (w.View.Reserved != 0)
        {
            Figure(html, "Reserved", Amounts.Format(w.View.Reserved, c), "reserved");
        }

        Figure(html, "Average daily use (" + w.Burn.Burn.Window.Days.ToString(CultureInfo.InvariantCulture) + " days)", Amounts.Format((long)Math.Round(w.Burn.Burn.AverageDaily), c), "burn");
        Figure(html, "Runway", RunwayText(w), "runway");
        html.Append("</div>");

        var label = $"Daily use of {c.Name} over the last {w.Burn.Burn.Window.Days} days: {Amounts.Format(w.Burn.Burn.Total, c)} in total, {Amounts.Format((long)Math.Round(w.Burn.Burn.AverageDaily), c)} a day on average. {RunwayText(w)}.";
        html.Append("<h3>Use per day</h3>").Append(BurnChart.Svg(w.Burn.Burn, c, label));

        html.Append("<div class=\"grid\"><div>");
        Grants(html, w);
        html.Append("</div><div>");
        Buy(html, model, w);
        AutoTopUp(html, model, w);
        html.Append("</div></div>");
        Ledger(html, model, w);
        TopUps(html, w);
        html.Append("</section>");
    }

    private static void Figure(StringBuilder html, string key, string value, string name) =>
        html.Append("<div class=\"figure\" data-figure=\"").Append(name).Append("\"><div class=\"k\">").Append(Html.Text(key)).Append("</div><div class=\"v\">").Append(Html.Text(value)).Append("</div></div>");

    private static string RunwayText(PortalWallet w)
    {
        var r = w.Burn.Runway;
        if (w.Burn.Burn.AverageDaily == 0)
        {
            return "No use in this period";
        }

        if (r.BeyondHorizon)
        {
            return $"More than {r.HorizonDays} days";
        }

        return r.RunwayDays is { } days && r.DepletesAt is { } at
            ? $"About {days.ToString("0.#", CultureInfo.InvariantCulture)} days (until {at:MMM d, yyyy})"
            : "Unknown";
    }

    private static void Grants(StringBuilder html, PortalWallet w)
    {
        html.Append("<h3>Open grants</h3>");
        if (w.View.OpenGrants.Count == 0)
        {
            html.Append("<p class=\"muted\">No open grants.</p>");
            return;
        }

        html.Append("<div class=\"scroll\"><table><caption class=\"muted\" style=\"text-align:left\">Spent in this order</caption><thead><tr><th scope=\"col\">Source</th><th scope=\"col\" class=\"n\">Remaining</th><th scope=\"col\">Expires</th></tr></thead><tbody>");
        foreach (var g in w.View.OpenGrants)
        {
            html.Append("<tr><td>").Append(Html.Text(Core.Grants.GrantSources.ToWire(g.Source))).Append("</td><td class=\"n\">")
                .Append(Html.Text(Amounts.Format(g.Remaining, w.Currency))).Append("</td><td>")
                .Append(Html.Text(g.ExpiresAt is { } e ? e.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "never")).Append("</td></tr>");
        }

        html.Append("</tbody></table></div>");
    }

    private static void Hidden(StringBuilder html, PortalModel model) =>
        html.Append("<input type=\"hidden\" name=\"token\" value=\"").Append(Html.Attr(model.Token)).Append("\"><input type=\"hidden\" name=\"nonce\" value=\"").Append(Html.Attr(model.FormNonce)).Append("\">");

    private static string Action(PortalModel model, string action) => Html.Attr(PortalRoutes.PathOf(model.Token) + "/" + action);

    private static void Buy(StringBuilder html, PortalModel model, PortalWallet w)
    {
        var c = w.Currency;
        var id = w.View.Head.WalletId;
        html.Append("<h3>Add credits</h3>");
        if (c.TopUpPrice is not null || c.Denomination != Denomination.UnitCode)
        {
            html.Append("<form class=\"inline\" method=\"post\" action=\"").Append(Action(model, "top-up")).Append("\">");
            Hidden(html, model);
            html.Append("<input type=\"hidden\" name=\"creditCurrencyId\" value=\"").Append(Html.Attr(c.Id)).Append("\">");
            html.Append("<label for=\"amount-").Append(Html.Attr(id)).Append("\">Amount (").Append(Html.Text(c.Denomination == Denomination.UnitCode ? "credits" : c.Denomination.ToUpperInvariant())).Append(")<input id=\"amount-")
                .Append(Html.Attr(id)).Append("\" name=\"amount\" inputmode=\"decimal\" required autocomplete=\"off\"></label>");
            html.Append("<button type=\"submit\">Top up</button></form>");
        }

        foreach (var p in w.Packages)
        {
            html.Append("<form class=\"inline\" method=\"post\" action=\"").Append(Action(model, "purchase")).Append("\">");
            Hidden(html, model);
            html.Append("<input type=\"hidden\" name=\"packageId\" value=\"").Append(Html.Attr(p.Id)).Append("\">");
            html.Append("<button type=\"submit\" aria-label=\"Buy ").Append(Html.Attr($"{p.Name}: {Amounts.Format(p.Credits, c)} for {Amounts.Format(p.Price)}")).Append("\">Buy ")
                .Append(Html.Text(p.Name)).Append(" · ").Append(Html.Text(Amounts.Format(p.Price))).Append("</button></form>");
        }
    }

    private static void AutoTopUp(StringBuilder html, PortalModel model, PortalWallet w)
    {
        var c = w.Currency;
        var id = w.View.Head.WalletId;
        var rule = w.Rule;
        html.Append("<h3>Auto top-up</h3>");
        if (rule is { Enabled: true })
        {
            var what = rule.CreditPackageId is { } pid
                ? w.Packages.FirstOrDefault(p => p.Id == pid)?.Name ?? "a package"
                : Amounts.Format(rule.TopupAmount ?? 0, c);
            html.Append("<p data-autotopup=\"on\">On: when available falls to ").Append(Html.Text(Amounts.Format(rule.Threshold, c))).Append(", add ").Append(Html.Text(what)).Append(".</p>");
        }
        else
        {
            html.Append("<p data-autotopup=\"off\" class=\"muted\">Off.</p>");
        }

        html.Append("<form class=\"inline\" method=\"post\" action=\"").Append(Action(model, "auto-topup")).Append("\">");
        Hidden(html, model);
        html.Append("<input type=\"hidden\" name=\"creditCurrencyId\" value=\"").Append(Html.Attr(c.Id)).Append("\">");
        if (rule is { Enabled: true })
        {
            html.Append("<input type=\"hidden\" name=\"action\" value=\"off\"><button type=\"submit\" class=\"secondary\">Turn auto top-up off</button></form>");
            return;
        }

        html.Append("<input type=\"hidden\" name=\"action\" value=\"on\">");
        html.Append("<label for=\"threshold-").Append(Html.Attr(id)).Append("\">When available falls to<input id=\"threshold-").Append(Html.Attr(id))
            .Append("\" name=\"threshold\" inputmode=\"decimal\" required value=\"").Append(Html.Attr(rule is null ? string.Empty : Amounts.Input(rule.Threshold, c))).Append("\"></label>");
        if (c.Denomination == Denomination.UnitCode)
        {
            if (w.Packages.Count == 0)
            {
                html.Append("<p class=\"muted\">No package to buy automatically.</p></form>");
                return;
            }

            html.Append("<label for=\"package-").Append(Html.Attr(id)).Append("\">Package to buy<select id=\"package-").Append(Html.Attr(id)).Append("\" name=\"creditPackageId\">");
            foreach (var p in w.Packages)
            {
                html.Append("<option value=\"").Append(Html.Attr(p.Id)).Append('"').Append(rule?.CreditPackageId == p.Id ? " selected" : string.Empty).Append('>')
                    .Append(Html.Text($"{p.Name} ({Amounts.Format(p.Price)})")).Append("</option>");
            }

            html.Append("</select></label>");
        }
        else
        {
            html.Append("<label for=\"topup-").Append(Html.Attr(id)).Append("\">Add<input id=\"topup-").Append(Html.Attr(id))
                .Append("\" name=\"topupAmount\" inputmode=\"decimal\" required value=\"").Append(Html.Attr(rule?.TopupAmount is { } a ? Amounts.Input(a, c) : string.Empty)).Append("\"></label>");
        }

        html.Append("<button type=\"submit\">Turn auto top-up on</button></form>");
    }

    private static readonly string[] Types = ["credit", "debit", "hold", "release", "expire", "adjustment"];

    private static void Ledger(StringBuilder html, PortalModel model, PortalWallet w)
    {
        var c = w.Currency;
        var id = w.View.Head.WalletId;
        html.Append("<h3 id=\"ledger-").Append(Html.Attr(id)).Append("\">Ledger</h3>");
        html.Append("<form class=\"inline\" method=\"get\" action=\"").Append(Html.Attr(PortalRoutes.PathOf(model.Token))).Append("\">");
        html.Append("<input type=\"hidden\" name=\"wallet\" value=\"").Append(Html.Attr(id)).Append("\">");
        html.Append("<label for=\"type-").Append(Html.Attr(id)).Append("\">Show<select id=\"type-").Append(Html.Attr(id)).Append("\" name=\"type\"><option value=\"\">all entries</option>");
        foreach (var t in Types)
        {
            html.Append("<option value=\"").Append(t).Append('"').Append(string.Equals(w.TypeFilter, t, StringComparison.OrdinalIgnoreCase) ? " selected" : string.Empty).Append('>').Append(t).Append("</option>");
        }

        html.Append("</select></label><button type=\"submit\" class=\"secondary\">Filter</button></form>");
        if (w.Ledger.Count == 0)
        {
            html.Append("<p class=\"muted\">No entries.</p>");
        }
        else
        {
            html.Append("<div class=\"scroll\"><table aria-labelledby=\"ledger-").Append(Html.Attr(id)).Append("\"><thead><tr><th scope=\"col\">When (UTC)</th><th scope=\"col\">Type</th><th scope=\"col\" class=\"hide\">Reason</th><th scope=\"col\">Feature</th><th scope=\"col\" class=\"n\">Amount</th><th scope=\"col\" class=\"n hide\">Balance after</th></tr></thead><tbody>");
            foreach (var e in w.Ledger)
            {
                var sign = e.Type switch { LedgerEntryType.Credit => "+", LedgerEntryType.Debit or LedgerEntryType.Expire => "−", _ => e.BalanceAfter < e.BalanceBefore ? "−" : e.BalanceAfter > e.BalanceBefore ? "+" : string.Empty };
                html.Append("<tr data-entry-type=\"").Append(LedgerNames.ToWire(e.Type)).Append("\"><td>").Append(Html.Text(e.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)))
                    .Append("</td><td>").Append(Html.Text(LedgerNames.ToWire(e.Type))).Append("</td><td class=\"hide\">").Append(Html.Text(LedgerNames.ToWire(e.Reason)))
                    .Append("</td><td>").Append(Html.Text(e.FeatureSlug ?? string.Empty)).Append("</td><td class=\"n\">").Append(Html.Text(sign + Amounts.Format(e.Amount, c)))
                    .Append("</td><td class=\"n hide\">").Append(Html.Text(Amounts.Format(e.BalanceAfter, c))).Append("</td></tr>");
            }

            html.Append("</tbody></table></div>");
        }

        if (w.NextCursor is { } cursor)
        {
            var query = $"?wallet={Uri.EscapeDataString(id)}&cursor={Uri.EscapeDataString(cursor)}" + (w.TypeFilter is { } t ? "&type=" + Uri.EscapeDataString(t) : string.Empty);
            html.Append("<p><a href=\"").Append(Html.Attr(PortalRoutes.PathOf(model.Token) + query + "#ledger-" + id)).Append("\">Older entries</a></p>");
        }
    }

    private static void TopUps(StringBuilder html, PortalWallet w)
    {
        html.Append("<h3>Top-up history</h3>");
        if (w.TopUps.Count == 0)
        {
            html.Append("<p class=\"muted\">No top-ups yet.</p>");
            return;
        }

        html.Append("<div class=\"scroll\"><table><thead><tr><th scope=\"col\">When (UTC)</th><th scope=\"col\" class=\"n\">Credits</th><th scope=\"col\" class=\"n\">Charged</th><th scope=\"col\">Status</th><th scope=\"col\" class=\"hide\">How</th></tr></thead><tbody>");
        foreach (var a in w.TopUps)
        {
            html.Append("<tr data-topup=\"").Append(Html.Attr(a.Id)).Append("\"><td>").Append(Html.Text(a.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)))
                .Append("</td><td class=\"n\">").Append(Html.Text(Amounts.Format(a.Amount, w.Currency))).Append("</td><td class=\"n\">").Append(Html.Text(Amounts.Format(a.ChargeAmount)))
                .Append("</td><td>").Append(Html.Text(Status(a))).Append("</td><td class=\"hide\">").Append(Html.Text(a.IsPackagePurchase ? "package" : a.TriggerSource.ToString().ToLowerInvariant()))
                .Append("</td></tr>");
        }

        html.Append("</tbody></table></div>");
    }

    private static string Status(TopUpAttempt a) => a.Status.ToString().ToLowerInvariant();

    /// <summary>A page for a link that opens nothing (forged, altered or expired): no data, and nothing that says whose it was.</summary>
    public static string Expired() =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Link expired</title><style>"
        + Style + "</style></head><body><main><h1>This link has expired</h1><p>Portal links last a short while. Go back to the app you came from and open the credits page again.</p></main></body></html>";
}
