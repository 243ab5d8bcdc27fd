using Cronos;

namespace UnitPay.Functions.Configuration;

/// <summary>Timer schedules are NCRONTAB expressions with six fields (seconds first), as the Functions timer trigger takes them.</summary>
public static class Schedules
{
    public static CronExpression Parse(string settingName, string expression)
    {
        try
        {
            return CronExpression.Parse(expression, CronFormat.IncludeSeconds);
        }
        catch (CronFormatException e)
        {
            throw new SettingException(settingName, $"'{expression}' is not a six-field NCRONTAB schedule ({e.Message}).");
        }
    }
}
