namespace UnitPay.Client.Models;

/// <summary>The feature a check was about.</summary>
/// <param name="Slug">Its slug.</param>
/// <param name="Type"><c>credits</c>.</param>
public sealed record CheckFeature(
    string Slug,
    string Type);
