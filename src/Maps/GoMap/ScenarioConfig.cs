namespace ModelCheck.Maps.GoMap;

/// <summary>Scenario arguments "faithful", "reduced", or either followed by ":" and a <see cref="GoMapBug"/>.</summary>
internal static class ScenarioConfig
{
    public static GoMapConfig Parse(string argument)
    {
        var parts = argument.Split(':');
        var config = parts[0] switch
        {
            "faithful" => GoMapConfig.Faithful,
            "reduced" => GoMapConfig.Reduced,
            _ => throw new ArgumentException($"unknown Go map configuration '{parts[0]}'", nameof(argument)),
        };
        return parts.Length == 1 ? config : config with { Bug = Enum.Parse<GoMapBug>(parts[1]) };
    }
}
