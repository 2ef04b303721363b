using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ModelCheck.Engine;

namespace ModelCheck.Cli;

/// <summary>
/// Options whose values are checked while the command line is parsed, so a bad value is reported in the
/// tool's words ("--seed must be a non-negative integer, not '-1'") rather than the parser's (".NET type
/// 'System.Nullable`1[System.UInt64]'"), and a bad true/false is not mistaken for a scenario pattern.
/// </summary>
static class CheckedOptions
{
    public static Option<int?> Integer(string name, string description, int least, params string[] aliases) => new(name, aliases)
    {
        Description = description,
        CustomParser = result =>
            int.TryParse(Token(result), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n) && n >= least
                ? n
                : Reject<int?>(result, name, least == 0 ? "a non-negative integer" : least == 1 ? "a positive integer" : $"an integer of at least {least}"),
    };

    public static Option<ulong?> Seed(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
            ulong.TryParse(Token(result), NumberStyles.None, CultureInfo.InvariantCulture, out ulong n)
                ? n
                : Reject<ulong?>(result, name, "a non-negative integer below 2^64"),
    };

    /// <summary>A flag: alone it means true, and it also takes true or false.</summary>
    public static Option<bool?> Flag(string name, string description) => new(name) { Description = description, Arity = ArgumentArity.ZeroOrOne };

    /// <summary>
    /// A true/false option whose value is required. It is read as text, because the parser leaves a word
    /// that is not a boolean to the scenario patterns: "--race-detection maybe" would be "no scenario matches".
    /// </summary>
    public static Option<string?> TrueOrFalse(string name, string description)
    {
        var option = new Option<string?>(name) { Description = description, Arity = ArgumentArity.ExactlyOne };
        option.Validators.Add(result =>
        {
            if (Token(result) is not ("true" or "false")) result.AddError($"{name} must be true or false, not {ErrorText.Quote(Token(result))}");
        });
        return option;
    }

    /// <summary>The value of a <see cref="TrueOrFalse"/> option, null when it was not given.</summary>
    public static bool? Value(ParseResult parse, Option<string?> option) => parse.GetValue(option) is { } text ? text == "true" : null;

    static string Token(SymbolResult result) => result.Tokens.Count > 0 ? result.Tokens[0].Value : "";

    static T Reject<T>(ArgumentResult result, string name, string expected)
    {
        result.AddError($"{name} must be {expected}, not {ErrorText.Quote(Token(result))}");
        return default!;
    }
}
