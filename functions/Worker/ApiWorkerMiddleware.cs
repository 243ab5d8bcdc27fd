using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using UnitPay.Functions.Api;

namespace UnitPay.Functions.Worker;

/// <summary>
/// Under the Functions host: runs <see cref="ApiPipeline"/> around every HTTP function. A request the pipeline answers
/// itself (no key, a replayed Idempotency-Key) never reaches the function; the answer is the invocation's result, which
/// the ASP.NET Core integration writes to the response.
/// </summary>
public sealed class ApiWorkerMiddleware(ApiPipeline pipeline) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        var answer = await pipeline.RunAsync(http, async () =>
        {
            await next(context);
            return context.GetInvocationResult().Value as IResult
                ?? throw new InvalidOperationException($"{context.FunctionDefinition.Name} did not answer an IResult.");
        });
        context.GetInvocationResult().Value = answer;
    }
}
