using System.Diagnostics;
using System.Net.Http.Headers;
using UnitPay.Core.Webhooks;

namespace UnitPay.Functions.Webhooks;

/// <summary>
/// The webhook sender over HttpClient: one POST, <see cref="WebhookOptions.Timeout"/> to answer, redirects not followed
/// (a receiver answers where it was registered). What the receiver or network did is the result, never an exception.
/// </summary>
public sealed class HttpWebhookSender : IWebhookSender, IDisposable
{
    private readonly HttpClient _client;

    public HttpWebhookSender(WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = options.Timeout,
        };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("UnitPay-Webhooks", "1"));
    }

    public async Task<WebhookSendResult> SendAsync(Uri url, string body, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(headers);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return new WebhookSendResult((int)response.StatusCode, clock.Elapsed, response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookSendResult(null, clock.Elapsed, $"No answer within {_client.Timeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException e)
        {
            return new WebhookSendResult(null, clock.Elapsed, e.Message);
        }
    }

    public void Dispose() => _client.Dispose();
}
