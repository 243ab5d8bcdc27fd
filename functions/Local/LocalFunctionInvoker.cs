using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.Azure.Functions.Worker;
using UnitPay.Functions.Hosting;

namespace UnitPay.Functions.Local;

/// <summary>
/// Calls a <c>[Function]</c> method the way the isolated worker does: a fresh instance of its class from the
/// container per invocation, its trigger input and the few other parameters the worker binds (route values by name,
/// <see cref="CancellationToken"/>), and the method's answer, awaited.
/// </summary>
public sealed class LocalFunctionInvoker(IServiceProvider services)
{
    private readonly ConcurrentDictionary<Type, ObjectFactory> _factories = new();

    /// <summary>Throws when a function has a parameter the local host cannot bind, so a bad signature fails at start, not at first call.</summary>
    public static void EnsureBindable(FunctionDescriptor function)
    {
        ArgumentNullException.ThrowIfNull(function);
        foreach (var parameter in function.Parameters)
        {
            var type = parameter.ParameterType;
            var bindable = parameter == function.TriggerParameter
                ? function.Trigger switch
                {
                    TriggerKind.Http => type == typeof(HttpRequest),
                    TriggerKind.Queue => type == typeof(string),
                    TriggerKind.Timer => type == typeof(TimerInfo),
                    _ => false,
                }
                : type == typeof(CancellationToken) || (function.Trigger == TriggerKind.Http && type == typeof(string) && RouteHas(function.Route!, parameter.Name!));
            if (!bindable)
            {
                throw new InvalidOperationException($"{function.Name}: the local host cannot bind parameter '{parameter.Name}' of type {type.Name}.");
            }
        }
    }

    /// <summary>An HTTP function: the request, its route values by name, and the request's cancellation.</summary>
    public async Task<IResult> InvokeHttpAsync(FunctionDescriptor function, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(http);
        var answer = await InvokeAsync(function, http.RequestServices, parameter =>
            parameter == function.TriggerParameter ? http.Request
            : parameter.ParameterType == typeof(CancellationToken) ? http.RequestAborted
            : http.Request.RouteValues[parameter.Name!]?.ToString());
        return answer as IResult ?? throw new InvalidOperationException($"{function.Name} answered {answer?.GetType().Name ?? "null"}, not an IResult.");
    }

    /// <summary>A queue or timer function, in its own service scope, with <paramref name="input"/> as its trigger value.</summary>
    public async Task<object?> InvokeTriggerAsync(FunctionDescriptor function, object input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        await using var scope = services.CreateAsyncScope();
        return await InvokeAsync(function, scope.ServiceProvider, parameter =>
            parameter == function.TriggerParameter ? input : cancellationToken);
    }

    private async Task<object?> InvokeAsync(FunctionDescriptor function, IServiceProvider scope, Func<ParameterInfo, object?> bind)
    {
        var instance = function.Method.IsStatic ? null : _factories.GetOrAdd(function.Type, t => ActivatorUtilities.CreateFactory(t, Type.EmptyTypes))(scope, null);
        try
        {
            var arguments = function.Parameters.Select(bind).ToArray();
            object? returned;
            try
            {
                returned = function.Method.Invoke(instance, arguments);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }

            if (returned is not Task task)
            {
                return returned;
            }

            await task;
            var returnType = function.Method.ReturnType;
            return returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>)
                ? returnType.GetProperty(nameof(Task<object>.Result))!.GetValue(task)
                : null;
        }
        finally
        {
            switch (instance)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    private static bool RouteHas(string route, string name) =>
        route.Contains("{" + name + "}", StringComparison.Ordinal) || route.Contains("{*" + name + "}", StringComparison.Ordinal)
        || route.Contains("{" + name + ":", StringComparison.Ordinal);
}
