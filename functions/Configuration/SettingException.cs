namespace UnitPay.Functions.Configuration;

/// <summary>A setting with a value the app cannot run with. The message names the setting.</summary>
public sealed class SettingException : Exception
{
    public SettingException(string setting, string problem)
        : base($"Setting {setting} {problem}") => Setting = setting;

    public SettingException()
    {
        Setting = string.Empty;
    }

    public SettingException(string message)
        : base(message)
    {
        Setting = string.Empty;
    }

    public SettingException(string message, Exception innerException)
        : base(message, innerException)
    {
        Setting = string.Empty;
    }

    public string Setting { get; }
}
