namespace UnitPay.Client.Models;

/// <summary>What a credit currency does when usage exceeds the grants: <c>reject</c> (the default) or <c>allow</c> down to <c>-OverageLimit</c>.</summary>
/// <param name="Mode"><c>reject</c> or <c>allow</c>.</param>
/// <param name="OverageLimit">With <c>allow</c>: how far below zero the balance may go, in minor units.</param>
/// <param name="OverageBehavior">With <c>allow</c>: <c>forgive_at_reset</c>, <c>invoice_at_billing</c> or <c>carry_deficit</c>.</param>
/// <param name="OveragePricePerUnit">With <c>invoice_at_billing</c>: the price of one whole credit of overage.</param>
public sealed record OveragePolicy(
    string Mode,
    long? OverageLimit = null,
    string? OverageBehavior = null,
    Money? OveragePricePerUnit = null);
