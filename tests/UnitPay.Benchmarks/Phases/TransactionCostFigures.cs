namespace UnitPay.Benchmarks.Phases;

/// <summary>
/// The app's CPU per full hot-wallet transaction, in milliseconds: deciding it (the session), mapping it to rows (with
/// their JSON columns), and the Azure SDK's part (building the batch request, parsing the batch answer). And its size.
/// </summary>
internal sealed record TransactionCostFigures(int Events, int Operations, double DecideMs, double MapMs, double SdkMs, long RequestBytes, long ResponseBytes)
{
    public double TotalMs => DecideMs + MapMs + SdkMs;
}
