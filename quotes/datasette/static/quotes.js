/* Column descriptions fold away under a <details> (Datasette prints them as one long list). */
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("dl.column-descriptions").forEach(function (list) {
    var details = document.createElement("details");
    details.className = "column-descriptions-fold";
    var summary = document.createElement("summary");
    summary.textContent = "What the columns mean";
    details.appendChild(summary);
    list.parentNode.insertBefore(details, list);
    details.appendChild(list);
  });
});
