using UnitPay.Client.Models;

namespace UnitPay.Client;

/// <content>Reservations: reserve before you spend, then commit or release.</content>
public sealed partial class UnitPayClient
{
    /// <summary><c>POST /v1/reservations</c>: hold credits for up to <c>TtlSeconds</c>.</summary>
    public Task<Reservation> CreateReservationAsync(CreateReservationRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<Reservation>("reservations", request ?? throw new ArgumentNullException(nameof(request)), cancellationToken);

    /// <summary><c>GET /v1/reservations/{id}</c>.</summary>
    public Task<Reservation> GetReservationAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync<Reservation>("reservations/" + Escape(id), cancellationToken);

    /// <summary><c>POST /v1/reservations/{id}/commit</c>: spend <paramref name="amount"/> (default: all held); the rest is released.</summary>
    public Task<Reservation> CommitReservationAsync(string id, long? amount = null, CancellationToken cancellationToken = default) =>
        PostAsync<Reservation>("reservations/" + Escape(id) + "/commit", new { amount }, cancellationToken);

    /// <summary><c>POST /v1/reservations/{id}/release</c>: give it all back.</summary>
    public Task<Reservation> ReleaseReservationAsync(string id, CancellationToken cancellationToken = default) =>
        PostAsync<Reservation>("reservations/" + Escape(id) + "/release", null, cancellationToken);
}
