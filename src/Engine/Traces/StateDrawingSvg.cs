using System.Globalization;
using System.Net;
using System.Text;

namespace ModelCheck.Engine;

/// <summary>
/// Lays a <see cref="StateDrawing"/> out as one SVG element: panels one below the other, each row its
/// label (with the row's markers before it, "nevacuate > [2]") and a chain of boxes left to right, slots
/// as cells of a box, and arrows from the end of one row to the end of another (or to a panel's title)
/// through a channel on the right, each arrow a little further out, so they never cross a box. Every
/// coordinate is computed here from text lengths, so the same drawing gives the same bytes; the CSS
/// classes (<c>tone-evacuated</c>, ...) are the report's.
/// </summary>
public static class StateDrawingSvg
{
    const double CharWidth = 7.2;
    const int Margin = 8, Channel = 16, ChannelStep = 9, SlotPadding = 8, BoxGap = 18, RowHeight = 24, RowGap = 8, MarkerHeight = 14, TitleHeight = 24, CaptionHeight = 18;

    public static string Render(StateDrawing drawing)
    {
        // Where an arrow attaches: the right end of a box's row (or of a panel's title), at its middle.
        var ends = new Dictionary<string, (double X, double Y)>(StringComparer.Ordinal);
        var body = new StringBuilder();
        double y = 4, width = Margin + 200;
        foreach (var line in drawing.Caption)
        {
            width = Math.Max(width, 8 + line.Length * CharWidth * 0.9);
            y += CaptionHeight;
            body.Append("<text class=\"caption\" x=\"4\" y=\"").Append(N(y - 5)).Append("\">").Append(Encode(line)).Append("</text>");
        }
        foreach (var panel in drawing.Panels)
        {
            y += TitleHeight;
            ends[panel.Id] = (Margin + panel.Title.Length * CharWidth + 4, y - 10);
            body.Append("<text class=\"panel-title\" data-panel=\"").Append(Encode(panel.Id)).Append("\" x=\"").Append(Margin).Append("\" y=\"").Append(N(y - 6)).Append("\">")
                .Append(Encode(panel.Title)).Append("</text>");
            double labelWidth = panel.Rows.Select(r => Label(r).Length).DefaultIfEmpty(0).Max() * CharWidth + 14;
            foreach (var row in panel.Rows)
            {
                double top = y + 2, x = Margin + labelWidth;
                body.Append("<text class=\"row-label").Append(row.Markers.Count > 0 ? " marked" : "").Append("\" x=\"").Append(N(x - 8)).Append("\" y=\"").Append(N(top + 16))
                    .Append("\" text-anchor=\"end\">").Append(Encode(Label(row))).Append("</text>");
                for (int i = 0; i < row.Boxes.Count; i++)
                {
                    if (i > 0)
                        body.Append("<path class=\"link\" d=\"M ").Append(N(x - BoxGap + 2)).Append(' ').Append(N(top + RowHeight / 2.0)).Append(" H ").Append(N(x - 2))
                            .Append("\" marker-end=\"url(#drawing-arrow)\"/>");
                    x = AppendBox(body, row.Boxes[i], x, top) + BoxGap;
                }
                foreach (var box in row.Boxes) ends[box.Id] = (x - BoxGap + 2, top + RowHeight / 2.0);
                width = Math.Max(width, x);
                y += RowHeight + RowGap + (row.Boxes.Any(b => b.Slots.Any(s => s.Markers.Count > 0)) ? MarkerHeight : 0);
            }
        }
        double channel = width + Channel;
        int drawn = 0;
        var fromSameRow = new Dictionary<(double, double), int>();
        foreach (var arrow in drawing.Arrows)
        {
            if (!ends.TryGetValue(arrow.From, out var from) || !ends.TryGetValue(arrow.To, out var to)) continue;
            double xc = channel + ChannelStep * (drawn++ % 8);
            body.Append("<path class=\"arrow tone-").Append(StateDrawing.ToneName(arrow.Tone)).Append("\" data-from=\"").Append(Encode(arrow.From)).Append("\" data-to=\"").Append(Encode(arrow.To))
                .Append("\" d=\"M ").Append(N(from.X)).Append(' ').Append(N(from.Y)).Append(" C ").Append(N(xc)).Append(' ').Append(N(from.Y)).Append(' ')
                .Append(N(xc)).Append(' ').Append(N(to.Y)).Append(' ').Append(N(to.X + 2)).Append(' ').Append(N(to.Y)).Append("\" marker-end=\"url(#drawing-arrow)\"/>");
            // Labels of arrows leaving the same row stand side by side: "X Y".
            int beside = fromSameRow[from] = fromSameRow.GetValueOrDefault(from) + 1;
            if (arrow.Label.Length > 0)
                body.Append("<text class=\"arrow-label\" x=\"").Append(N(from.X + 3 + (beside - 1) * (arrow.Label.Length + 1) * CharWidth)).Append("\" y=\"").Append(N(from.Y - 3)).Append("\">").Append(Encode(arrow.Label)).Append("</text>");
            width = Math.Max(width, xc + 10);
        }
        var svg = new StringBuilder();
        svg.Append("<svg class=\"drawing\" width=\"").Append(N(width)).Append("\" height=\"").Append(N(y + 6)).Append("\">")
            .Append("<defs><marker id=\"drawing-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\">")
            .Append("<path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"context-stroke\"/></marker></defs>")
            .Append(body).Append("</svg>");
        return svg.ToString();
    }

    /// <summary>One box at (<paramref name="x"/>, <paramref name="top"/>): its outline, its slots and their markers; returns its right edge.</summary>
    static double AppendBox(StringBuilder body, DrawnBox box, double x, double top)
    {
        double boxWidth = box.Slots.Sum(SlotWidth);
        body.Append("<g class=\"box tone-").Append(StateDrawing.ToneName(box.Tone)).Append("\" data-box=\"").Append(Encode(box.Id)).Append("\">");
        body.Append("<rect x=\"").Append(N(x)).Append("\" y=\"").Append(N(top)).Append("\" width=\"").Append(N(boxWidth)).Append("\" height=\"").Append(RowHeight).Append("\" rx=\"3\"/>");
        double sx = x;
        foreach (var slot in box.Slots)
        {
            double w = SlotWidth(slot);
            if (slot.Tone != Tone.Plain)
                body.Append("<rect class=\"slot tone-").Append(StateDrawing.ToneName(slot.Tone)).Append("\" x=\"").Append(N(sx + 1)).Append("\" y=\"").Append(N(top + 1))
                    .Append("\" width=\"").Append(N(w - 2)).Append("\" height=\"").Append(RowHeight - 2).Append("\"/>");
            if (sx > x) body.Append("<path class=\"slot-edge\" d=\"M ").Append(N(sx)).Append(' ').Append(N(top)).Append(" V ").Append(N(top + RowHeight)).Append("\"/>");
            body.Append("<text x=\"").Append(N(sx + w / 2)).Append("\" y=\"").Append(N(top + 16)).Append("\" text-anchor=\"middle\">").Append(Encode(slot.Text)).Append("</text>");
            if (slot.Markers.Count > 0)
                body.Append("<text class=\"slot-marker\" x=\"").Append(N(sx + w / 2)).Append("\" y=\"").Append(N(top + RowHeight + MarkerHeight - 3))
                    .Append("\" text-anchor=\"middle\">").Append(Encode("^ " + string.Join(" ", slot.Markers))).Append("</text>");
            sx += w;
        }
        body.Append("</g>");
        return x + boxWidth;
    }

    /// <summary>A row's label with its markers before it: "nevacuate > [2]".</summary>
    static string Label(DrawnRow row) => row.Markers.Count == 0 ? row.Label : $"{string.Join(", ", row.Markers)} > {row.Label}";

    static double SlotWidth(DrawnSlot slot) =>
        Math.Max(Math.Max(slot.Text.Length, slot.Markers.Count == 0 ? 0 : 2 + string.Join(" ", slot.Markers).Length * 0.85) * CharWidth + 2 * SlotPadding, 24);

    static string Encode(string text) => WebUtility.HtmlEncode(text);

    static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
