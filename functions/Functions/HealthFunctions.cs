using Microsoft.Azure.Functions.Worker;
using UnitPay.Core.Storage;

namespace UnitPay.Functions.Functions;

/// <summary><c>GET /v1/health</c>, no key: 200 when table and queue storage both answer, 503 otherwise.</summary>
public sealed class HealthFunctions(StorageAccount storage)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Function("HealthHttp")]
    public async Task<IResult> CheckAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/health")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        var cancellationToken = req.HttpContext.RequestAborted;
        var table = ProbeAsync(async ct =>
        {
            await foreach (var _ in storage.Table(TableNames.Organizations).QueryAsync<Azure.Data.Tables.TableEntity>(maxPerPage: 1, cancellationToken: ct).AsPages(pageSizeHint: 1))
            {
                break;
            }
        }, cancellationToken);
        var queue = ProbeAsync(async ct => await storage.UsageQueue.GetPropertiesAsync(ct), cancellationToken);
        var (tableOk, queueOk) = (await table, await queue);
        var body = new
        {
            status = tableOk.Ok && queueOk.Ok ? "ok" : "degraded",
            table = tableOk.Ok ? "ok" : tableOk.Error,
            queue = queueOk.Ok ? "ok" : queueOk.Error,
        };
        return Results.Json(body, statusCode: tableOk.Ok && queueOk.Ok ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<(bool Ok, string? Error)> ProbeAsync(Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await probe(timeout.Token);
            return (true, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return (false, "unreachable: " + e.GetType().Name);
        }
    }
}
