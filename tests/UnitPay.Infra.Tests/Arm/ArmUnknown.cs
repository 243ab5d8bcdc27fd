namespace UnitPay.Infra.Tests.Arm;

/// <summary>
/// A value only Azure knows at deployment time (a reference(), a resourceId(), uniqueString()...), kept as the
/// expression that produces it so tests can still assert where it comes from.
/// </summary>
public sealed record ArmUnknown(string Expression)
{
    /// <summary>Stands in for an unknown part of a string built by format() or concat().</summary>
    public const string Marker = "\u27e8?\u27e9";

    public override string ToString() => $"<unknown: {Expression}>";
}
