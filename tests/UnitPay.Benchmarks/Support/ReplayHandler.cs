using System.Net;

namespace UnitPay.Benchmarks.Support;

/// <summary>
/// An HTTP handler that passes requests to Azurite until it has recorded one batch answer, and once
/// <see cref="Replaying"/> answers every request with that recording instead, after reading the request's body as the
/// wire would. Timing the Azure SDK over it isolates the SDK's own work from the network and from Azurite.
/// </summary>
internal sealed class ReplayHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private byte[]? _body;
    private string? _contentType;

    public bool Replaying { get; set; }

    /// <summary>Bytes of the recorded batch request.</summary>
    public long RequestBytes { get; private set; }

    /// <summary>Bytes of the recorded batch answer.</summary>
    public long ResponseBytes => _body?.Length ?? 0;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Replaying && _body is not null)
        {
            if (request.Content is not null)
            {
                await request.Content.CopyToAsync(Stream.Null, cancellationToken);
            }

            return Answer(HttpStatusCode.Accepted);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (_body is not null || request.RequestUri?.AbsolutePath.EndsWith("$batch", StringComparison.Ordinal) != true)
        {
            return response;
        }

        using (response)
        {
            RequestBytes = request.Content?.Headers.ContentLength ?? 0;
            _body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            _contentType = response.Content.Headers.ContentType?.ToString();
            return Answer(response.StatusCode);
        }
    }

    private HttpResponseMessage Answer(HttpStatusCode status)
    {
        var answer = new HttpResponseMessage(status) { Content = new ByteArrayContent(_body!) };
        answer.Content.Headers.TryAddWithoutValidation("Content-Type", _contentType);
        return answer;
    }
}
