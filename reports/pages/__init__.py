"""One module per page of the site (and the chart helpers pages share)."""
