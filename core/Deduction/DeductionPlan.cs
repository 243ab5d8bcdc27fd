namespace UnitPay.Core.Deduction;

/// <summary>
/// The outcome of planning a deduction: the per-grant draws, in spending order, and what the grants could not cover.
/// <c>Draws.Sum(d =&gt; d.Amount) + Shortfall == requested</c> always holds.
/// </summary>
public sealed record DeductionPlan(IReadOnlyList<GrantDraw> Draws, long Covered, long Shortfall)
{
    public bool IsFullyCovered => Shortfall == 0;
}
