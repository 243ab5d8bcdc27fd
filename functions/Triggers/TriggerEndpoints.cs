using System.Text.Json;
using UnitPay.Core.Grants;
using UnitPay.Core.Subscriptions;
using UnitPay.Core.Usage;
using UnitPay.Functions.Hosting;

namespace UnitPay.Functions.Triggers;

/// <summary>
/// The non-HTTP functions: each is <c>POST /{FunctionName}</c> taking the host's invocation payload. A non-2xx answer
/// fails the invocation, and the host (or the local runner) retries the queue message, then poisons it.
/// </summary>
public static partial class TriggerEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/" + FunctionCatalog.DeductUsageQueue.Name, DeductUsageAsync);
        app.MapPost("/" + FunctionCatalog.ExpireGrantsTimer.Name, ExpireGrantsAsync);
        app.MapPost("/" + FunctionCatalog.GrantCyclesTimer.Name, GrantCyclesAsync);
    }

    private static async Task<IResult> DeductUsageAsync(HttpContext http, UsageProcessor processor, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(FunctionCatalog.DeductUsageQueue.Name);
        InvocationRequest invocation;
        try
        {
            invocation = InvocationRequest.Parse(await new StreamReader(http.Request.Body).ReadToEndAsync(http.RequestAborted));
        }
        catch (JsonException e)
        {
            return Failed(StatusCodes.Status400BadRequest, "The invocation payload is not JSON: " + e.Message);
        }

        var text = invocation.TextOf(FunctionCatalog.DeductUsageQueue.BindingName);
        if (text is null)
        {
            return Failed(StatusCodes.Status400BadRequest, $"The invocation has no '{FunctionCatalog.DeductUsageQueue.BindingName}' input.");
        }

        try
        {
            var summary = await processor.ProcessAsync(text, http.RequestAborted);
            return Results.Json(new InvocationResponse
            {
                Logs = [$"events={summary.Events} applied={summary.Applied} rejected={summary.Rejected} duplicates={summary.Duplicates}"],
                ReturnValue = summary,
            });
        }
        catch (UnprocessableMessageException e)
        {
            LogUnprocessable(logger, invocation.MetadataText("Id") ?? "?", invocation.DequeueCount ?? 0, e.Message);
            return Failed(StatusCodes.Status422UnprocessableEntity, e.Message);
        }
    }

    private static async Task<IResult> ExpireGrantsAsync(HttpContext http, ExpirySweeper sweeper)
    {
        var (wallets, failed) = await sweeper.SweepAsync(http.RequestAborted);
        return Results.Json(new InvocationResponse
        {
            Logs = [$"wallets={wallets} failed={failed}"],
            ReturnValue = new { wallets, failed },
        });
    }

    private static async Task<IResult> GrantCyclesAsync(HttpContext http, SubscriptionCycles cycles)
    {
        var summary = await cycles.RunDueAsync(http.RequestAborted);
        return Results.Json(new InvocationResponse
        {
            Logs = [$"subscriptions={summary.Subscriptions} steps={summary.Steps} failed={summary.Failed}"],
            ReturnValue = summary,
        });
    }

    private static IResult Failed(int status, string message) =>
        Results.Json(new InvocationResponse { Logs = [message], ReturnValue = new { error = message } }, statusCode: status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Usage message {MessageId} cannot be processed (dequeue {DequeueCount}): {Reason}")]
    private static partial void LogUnprocessable(ILogger logger, string messageId, int dequeueCount, string reason);
}
