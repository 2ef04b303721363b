using ModelCheck.Engine;

namespace ModelCheck.Tests.Unit;

/// <summary>coyote.json is both our configuration and Coyote's rewriting configuration: each reader skips the other's keys.</summary>
public sealed class CoyoteConfigurationTests
{
    [Fact]
    public void Coyote_rewriting_keys_are_accepted_next_to_ours_and_change_nothing()
    {
        var coyoteKeys = string.Join(", ", ConfigurationFile.CoyoteRewritingKeys.Select(k => $"\"{k}\": null"));
        var config = ConfigurationFile.Parse($$"""{ "iterations": 7, {{coyoteKeys}} }""", "coyote.json");
        Assert.Equal(new TestConfiguration { Iterations = 7 }, config);
    }

}
