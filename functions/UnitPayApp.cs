using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using UnitPay.Core.Storage;
using UnitPay.Functions.Api;
using UnitPay.Functions.Configuration;
using UnitPay.Functions.Hosting;
using UnitPay.Functions.Local;

namespace UnitPay.Functions;

/// <summary>
/// The local host: a development stand-in for the Functions host, for machines without Core Tools. It serves every
/// HTTP function of <see cref="FunctionIndex"/> on its route (the same <c>[Function]</c> methods, the same
/// <see cref="ApiPipeline"/>), drives the queue and timer functions with host.json's semantics
/// (<see cref="LocalTriggerRunner"/>), and starts Azurite when no storage is configured.
/// </summary>
public static class UnitPayApp
{
    /// <summary>Builds the local host (starting Azurite first when no storage is configured).</summary>
    public static async Task<WebApplication> BuildAsync(AppSettings settings, Action<IServiceCollection>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        AzuriteProcess? azurite = null;
        var storage = settings.Storage;
        if (storage is null)
        {
            azurite = await AzuriteProcess.StartAsync(preferDefaultPorts: true, TimeSpan.FromSeconds(60), cancellationToken);
            storage = new StorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = settings.TablePrefix, UsageQueueName = settings.UsageQueue };
        }

        var hostJson = HostJson.Load(Path.Combine(AppContext.BaseDirectory, "host.json"));
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = ApiPipeline.MaxRequestBodyBytes;
            k.Listen(System.Net.IPAddress.Loopback, settings.Port);
        });

        var services = builder.Services;
        services.AddUnitPay(settings, storage, hostJson);
        services.AddSingleton<LocalFunctionInvoker>();
        if (settings.LocalTriggers)
        {
            services.AddSingleton<LocalTriggerRunner>();
            services.AddHostedService(sp => sp.GetRequiredService<LocalTriggerRunner>());
        }

        if (azurite is not null)
        {
            services.AddSingleton(azurite);
            services.AddHostedService<AzuriteLifetime>();
        }

        configure?.Invoke(services);

        var app = builder.Build();
        MapHttpFunctions(app);
        await UnitPayServices.EnsureStorageAsync(app.Services, cancellationToken);
        return app;
    }

    /// <summary>The first address the app listens on (after start).</summary>
    public static Uri AddressOf(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address);
    }

    /// <inheritdoc cref="UnitPayServices.BootstrapAsync"/>
    public static Task<string?> BootstrapAsync(WebApplication app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        return UnitPayServices.BootstrapAsync(app.Services, cancellationToken);
    }

    /// <summary>Each HTTP function on its route and methods, as the Functions host routes them (routePrefix is empty).</summary>
    private static void MapHttpFunctions(WebApplication app)
    {
        foreach (var function in FunctionIndex.All)
        {
            LocalFunctionInvoker.EnsureBindable(function);
        }

        foreach (var function in FunctionIndex.All.Where(f => f.Trigger == TriggerKind.Http))
        {
            app.MapMethods("/" + function.Route, function.Methods, (HttpContext http, ApiPipeline pipeline, LocalFunctionInvoker invoker) =>
                pipeline.RunAsync(http, () => invoker.InvokeHttpAsync(function, http)))
                .WithName(function.Name);
        }

        // Outside /v1 the Functions host answers its own 404; locally, the same problem+json as inside.
        app.MapFallback((HttpContext http) => Problems.NotFound($"Route {http.Request.Method} {http.Request.Path}"));
    }

    /// <summary>Stops the embedded Azurite when the app stops.</summary>
    private sealed class AzuriteLifetime(AzuriteProcess azurite) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken) => await azurite.DisposeAsync();
    }
}
