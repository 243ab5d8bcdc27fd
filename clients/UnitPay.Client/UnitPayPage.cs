namespace UnitPay.Client;

/// <summary>One page of a listing; <see cref="NextCursor"/> fetches the next one and is null on the last page.</summary>
/// <typeparam name="T">The listed object.</typeparam>
/// <param name="Items">The page's objects, in the listing's order.</param>
/// <param name="NextCursor">The <c>cursor</c> of the next page, or null when this is the last.</param>
public sealed record UnitPayPage<T>(IReadOnlyList<T> Items, string? NextCursor);
