namespace UnitPay.Core.Deduction;

/// <summary>How much one deduction takes from one grant.</summary>
public readonly record struct GrantDraw(string GrantId, long Amount);
