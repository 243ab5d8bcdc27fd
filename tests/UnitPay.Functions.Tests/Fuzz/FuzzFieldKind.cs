namespace UnitPay.Functions.Tests.Fuzz;

/// <summary>What a body field holds, which decides the bad values it is given.</summary>
internal enum FuzzFieldKind
{
    /// <summary>The id (or slug, or external id) of an existing object.</summary>
    Reference,

    /// <summary>A positive whole number of minor units.</summary>
    Amount,

    /// <summary>A positive decimal quantity.</summary>
    Quantity,

    Integer,

    Time,

    Enum,

    /// <summary>The slug of a new object (lowercase letters, digits, '-' and '_').</summary>
    Slug,

    /// <summary>Free text with a length limit (names, reasons).</summary>
    Name,

    /// <summary>A nested object or array.</summary>
    Structure,
}
