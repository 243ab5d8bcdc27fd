namespace UnitPay.Core.Reservations;

/// <summary>A hold is open until it resolves, exactly once: committed, released by the caller, or expired.</summary>
public enum HoldStatus
{
    Held,
    Committed,
    Released,
    Expired,
}
