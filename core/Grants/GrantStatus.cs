namespace UnitPay.Core.Grants;

/// <summary>A grant is open until it is used up, expires or is voided.</summary>
public enum GrantStatus
{
    Open,
    Depleted,
    Expired,
    Voided,
}
