namespace ModelCheck.Engine;

/// <summary>One recorded decision: its kind and the value chosen (a task id, or an index).</summary>
public readonly record struct Choice(ChoiceKind Kind, int Value)
{
    public override string ToString() => $"{Kind.ToCode()}{Value}";

    public static bool TryParse(string text, out Choice choice)
    {
        choice = default;
        if (text.Length < 2 || !ChoiceKindCodes.TryParse(text[0], out var kind)) return false;
        if (!int.TryParse(text.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
            return false;
        choice = new Choice(kind, value);
        return true;
    }
}
