"""What people see on paper and screen: plotly figures, HTML fragments, reports, texts."""
