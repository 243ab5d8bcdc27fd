namespace UnitPay.Functions.Portal;

/// <summary>Where the portal lives: outside <c>/v1</c>, so no API key is asked for; the signed token in the path authenticates.</summary>
public static class PortalRoutes
{
    public const string Prefix = "/portal/";

    public static string PathOf(string token) => Prefix + Uri.EscapeDataString(token);
}
