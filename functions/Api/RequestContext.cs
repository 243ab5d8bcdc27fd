namespace UnitPay.Functions.Api;

/// <summary>The organization the request's API key opened.</summary>
public static class RequestContext
{
    private const string OrgKey = "unitpay.org";

    public static void SetOrgId(this HttpContext context, string orgId)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[OrgKey] = orgId;
    }

    public static string OrgId(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[OrgKey] as string ?? throw new InvalidOperationException("The request was not authenticated.");
    }

    public static bool TryGetOrgId(this HttpContext context, out string orgId)
    {
        ArgumentNullException.ThrowIfNull(context);
        orgId = context.Items[OrgKey] as string ?? string.Empty;
        return orgId.Length > 0;
    }
}
