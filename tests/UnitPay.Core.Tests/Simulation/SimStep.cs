using CsCheck;
using UnitPay.Core.Catalog;
using UnitPay.Core.Money;

namespace UnitPay.Core.Tests.Simulation;

/// <summary>One step of a simulated wallet history: one wallet transaction (or the clock moving).</summary>
internal abstract record SimStep
{
    public sealed record Grant(long Amount, int Priority, int StartsInMinutes, int? ExpiresAfterMinutes) : SimStep;

    /// <summary>A grant at (or just past) the per-grant maximum: exercises the amount limits.</summary>
    public sealed record HugeGrant(bool PastMaximum) : SimStep;

    public sealed record Debit(long Amount) : SimStep;

    public sealed record Reserve(long Amount, int TtlMinutes) : SimStep;

    public sealed record Commit(int Pick, int Percent) : SimStep;

    public sealed record Release(int Pick) : SimStep;

    public sealed record Void(int Pick) : SimStep;

    public sealed record Freeze(bool Frozen) : SimStep;

    public sealed record Advance(int Minutes) : SimStep;

    /// <summary>The expiry timer's sweep alone.</summary>
    public sealed record Sweep : SimStep;

    /// <summary>A cycle reset through the real cycle transition: the deficit is settled, then the new cycle's grant issued.</summary>
    public sealed record CycleReset(long PlanGrant, int InvoicedPercent) : SimStep;

    public static readonly Gen<SimStep> Any = Gen.Frequency(
        (6, from a in Gen.Long[1, 400] from p in Gen.Int[0, 3] from s in Gen.Frequency((4, Gen.Const(0)), (1, Gen.Int[1, 600]))
            from e in Gen.Int[1, 2_000].Nullable()
            select (SimStep)new Grant(a, p * 10, s, e)),
        (1, Gen.Bool.Select(past => (SimStep)new HugeGrant(past))),
        (8, Gen.Frequency((1, Gen.Const(0L)), (12, Gen.Long[1, 300]), (1, Gen.Long[1, long.MaxValue]), (1, Gen.Long[0, 1_000].Select(d => long.MaxValue - d)))
            .Select(a => (SimStep)new Debit(a))),
        (4, from a in Gen.Long[1, 300] from t in Gen.Int[1, 900] select (SimStep)new Reserve(a, t)),
        (3, from p in Gen.Int[0, 20] from pc in Gen.Int[0, 100] select (SimStep)new Commit(p, pc)),
        (2, Gen.Int[0, 20].Select(p => (SimStep)new Release(p))),
        (1, Gen.Int[0, 20].Select(p => (SimStep)new Void(p))),
        (1, Gen.Frequency((1, Gen.Const(true)), (3, Gen.Const(false))).Select(f => (SimStep)new Freeze(f))),
        (4, Gen.Frequency((3, Gen.Int[1, 120]), (1, Gen.Int[120, 3_000])).Select(m => (SimStep)new Advance(m))),
        (1, Gen.Const((SimStep)new Sweep())),
        (1, from g in Gen.Long[1, 500] from i in Gen.Int[0, 100] select (SimStep)new CycleReset(g, i)));

    /// <summary>The currency's overage policy for a whole run: reject, or allow down to a limit with one behavior.</summary>
    public static readonly Gen<OveragePolicy> AnyPolicy = Gen.Frequency(
        (1, Gen.Const(new OveragePolicy())),
        (3, from limit in Gen.Long[1, 500]
            from behavior in Gen.Int[0, 2].Select(i => new[] { OveragePolicy.ForgiveAtReset, OveragePolicy.InvoiceAtBilling, OveragePolicy.CarryDeficit }[i])
            select new OveragePolicy { Mode = OveragePolicy.Allow, OverageLimit = limit, OverageBehavior = behavior }));

    public static long HugeAmount(bool pastMaximum) => pastMaximum ? AmountLimits.MaxGrant + 1 : AmountLimits.MaxGrant;
}
