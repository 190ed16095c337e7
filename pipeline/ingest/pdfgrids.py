"""Ruled tables from a page's edges: pdfplumber's `find_tables()` ("lines" strategies, default
tolerances) on edges either engine found, so both find the same grids.
"""

from __future__ import annotations

from .pdfpage import Grid


def ruled_grids(edges: list[dict]) -> list[Grid]:
    """The ruled tables the edges (pdfplumber's `page.edges` shape) draw, as cell grids."""
    from pdfplumber import utils
    from pdfplumber.table import (
        Table,
        TableSettings,
        cells_to_tables,
        edges_to_intersections,
        intersections_to_cells,
        merge_edges,
    )

    s = TableSettings.resolve(None)
    vertical = utils.filter_edges(edges, "v", min_length=s.edge_min_length_prefilter)
    horizontal = utils.filter_edges(edges, "h", min_length=s.edge_min_length_prefilter)
    merged = merge_edges(
        vertical + horizontal,
        snap_x_tolerance=s.snap_x_tolerance,
        snap_y_tolerance=s.snap_y_tolerance,
        join_x_tolerance=s.join_x_tolerance,
        join_y_tolerance=s.join_y_tolerance,
    )
    merged = utils.filter_edges(merged, min_length=s.edge_min_length)
    intersections = edges_to_intersections(
        merged, s.intersection_x_tolerance, s.intersection_y_tolerance
    )
    cells = intersections_to_cells(intersections)
    grids = []
    for group in cells_to_tables(cells):
        table = Table(None, group)  # type: ignore[arg-type]  (rows need no page)
        grids.append(
            Grid(
                tuple(map(float, table.bbox)),  # type: ignore[arg-type]
                [list(row.cells) for row in table.rows],
            )
        )
    return grids
