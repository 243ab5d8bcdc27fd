using System.Globalization;

namespace UnitPay.Core.Storage;

/// <summary>
/// Partition keys of the time indexes (grant expiries, subscription steps): the UTC hour an instant falls in, as
/// <c>yyyyMMddHH</c>, so "everything due by now" is one range query over partitions up to the current hour.
/// </summary>
public static class HourBuckets
{
    public static string Of(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);
}
